package io.iotconsole.organization;

import io.iotconsole.security.TenantScope;
import io.iotconsole.security.Unscoped;
import io.iotconsole.shared.SortColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrganizationRepository {
    private static final String COLUMNS = "id, account_number, name, legal_name, address, billing_address, "
            + "shipping_address, status, parent_id, created_at";
    private final JdbcClient jdbc;

    OrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts unless the account number is taken; answers whether the row went in. */
    @Unscoped("the organisation registry itself; callers read it through findVisible")
    boolean insert(UUID id, String accountNumber, CompanyData data, @Nullable UUID parentId) {
        return jdbc.sql("""
                        INSERT INTO organization (id, account_number, name, legal_name, address, billing_address,
                                                  shipping_address, status, parent_id)
                        VALUES (:id, :acc, :name, :legal, :address, :billing, :shipping, 'PENDING', :parent)
                        ON CONFLICT (account_number) DO NOTHING""")
                        .param("id", id)
                        .param("acc", accountNumber)
                        .param("name", data.name())
                        .param("legal", data.legalName())
                        .param("address", data.address())
                        .param("billing", data.billingAddress())
                        .param("shipping", data.shippingAddress())
                        .param("parent", parentId)
                        .update()
                == 1;
    }

    @Unscoped("the organisation registry itself; callers read it through findVisible")
    Optional<Organization> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organization WHERE id = :id")
                .param("id", id)
                .query(OrganizationRepository::map)
                .optional();
    }

    @Unscoped("the organisation registry itself; callers read it through findVisible")
    Optional<Organization> findByAccountNumber(String accountNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organization WHERE account_number = :acc")
                .param("acc", accountNumber)
                .query(OrganizationRepository::map)
                .optional();
    }

    /** The organisations in scope and their sub-organisations (every one, for the operator's scope). */
    List<Organization> findVisible(TenantScope scope) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organization WHERE " + scope.where("id") + " OR "
                        + scope.where("parent_id") + " ORDER BY parent_id NULLS FIRST, name, account_number")
                .params(scope.parameters())
                .query(OrganizationRepository::map)
                .list();
    }

    /**
     * The Organisations table's columns, newest first unless asked otherwise. Even the operator's list of every
     * organisation is thousands of rows, so each order is a cheap sort.
     */
    static final SortColumns SORTS = SortColumns.of(
            "-createdAt",
            "account_number",
            "account",
            "account_number",
            "name",
            "lower(name)",
            "status",
            "status",
            "createdAt",
            "created_at");

    /** A page of {@link #findVisible(TenantScope)} in the order asked. */
    List<Organization> findVisible(TenantScope scope, SortColumns.Sort sort, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organization WHERE " + scope.where("id") + " OR "
                        + scope.where("parent_id") + " ORDER BY " + sort.orderBy() + " OFFSET :offset LIMIT :limit")
                .params(scope.parameters())
                .param("offset", offset)
                .param("limit", limit)
                .query(OrganizationRepository::map)
                .list();
    }

    long countVisible(TenantScope scope) {
        return jdbc.sql("SELECT count(*) FROM organization WHERE " + scope.where("id") + " OR "
                        + scope.where("parent_id"))
                .params(scope.parameters())
                .query(Long.class)
                .single();
    }

    /** One organisation in scope, or a sub-organisation of one. */
    Optional<Organization> findVisible(TenantScope scope, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organization WHERE id = :id AND (" + scope.where("id") + " OR "
                        + scope.where("parent_id") + ")")
                .params(scope.parameters())
                .param("id", id)
                .query(OrganizationRepository::map)
                .optional();
    }

    /** The organisation itself, if it is inside the scope (no sub-organisation: their company data is their own). */
    Optional<Organization> findInScope(TenantScope scope, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organization WHERE id = :id AND " + scope.where("id"))
                .params(scope.parameters())
                .param("id", id)
                .query(OrganizationRepository::map)
                .optional();
    }

    /** Replaces the company data of an organisation inside the scope; answers whether it was there. */
    boolean updateCompanyData(TenantScope scope, UUID id, CompanyData data) {
        return jdbc.sql("""
                        UPDATE organization SET name = :name, legal_name = :legal, address = :address,
                               billing_address = :billing, shipping_address = :shipping
                        WHERE id = :id AND """ + " " + scope.where("id"))
                        .params(scope.parameters())
                        .param("id", id)
                        .param("name", data.name())
                        .param("legal", data.legalName())
                        .param("address", data.address())
                        .param("billing", data.billingAddress())
                        .param("shipping", data.shippingAddress())
                        .update()
                == 1;
    }

    /** The organisation itself and its sub-organisations. */
    @Unscoped("the organisation registry itself; callers read it through findVisible")
    List<Organization> findFamily(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organization WHERE id = :id OR parent_id = :id "
                        + "ORDER BY parent_id NULLS FIRST, name")
                .param("id", id)
                .query(OrganizationRepository::map)
                .list();
    }

    @Unscoped("the organisation registry itself; callers read it through findVisible")
    void lock(UUID id) {
        jdbc.sql("SELECT id FROM organization WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(UUID.class)
                .optional();
    }

    @Unscoped("the organisation registry itself; callers read it through findVisible")
    void delete(UUID id) {
        jdbc.sql("DELETE FROM organization WHERE id = :id").param("id", id).update();
    }

    @Unscoped("the organisation registry itself; callers read it through findVisible")
    void activateIfPending(UUID id) {
        jdbc.sql("UPDATE organization SET status = 'ACTIVE' WHERE id = :id AND status = 'PENDING'")
                .param("id", id)
                .update();
    }

    private static Organization map(ResultSet rs, int row) throws SQLException {
        return new Organization(
                rs.getObject("id", UUID.class),
                rs.getString("account_number"),
                rs.getString("name"),
                rs.getString("legal_name"),
                rs.getString("address"),
                rs.getString("billing_address"),
                rs.getString("shipping_address"),
                OrganizationStatus.valueOf(rs.getString("status")),
                rs.getObject("parent_id", UUID.class),
                rs.getTimestamp("created_at").toInstant());
    }
}
