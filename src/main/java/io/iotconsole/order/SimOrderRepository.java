package io.iotconsole.order;

import io.iotconsole.security.TenantScope;
import io.iotconsole.security.Unscoped;
import io.iotconsole.shared.SortColumns;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SimOrderRepository {
    private static final String COLUMNS = "id, organization_id, number, quantity, status, unit_price, currency, "
            + "placed_by, placed_at, closed_by, closed_at, first_iccid, last_iccid";
    private final JdbcClient jdbc;

    SimOrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts an OPEN order with the organisation's next number, taken from its counter row in the same statement:
     * a parallel order of the organisation waits for this transaction on that row and then takes the number after,
     * and a rolled-back order gives its number back, so numbers are unique and gapless.
     */
    @Unscoped("a new order in the organisation AccessPolicy.scope named")
    void insert(UUID id, UUID organizationId, int quantity, BigDecimal unitPrice, String currency, String by) {
        jdbc.sql("""
                        WITH next AS (
                            INSERT INTO organization_counter AS c (organization_id, name, value) VALUES (:org, 'order', 1)
                            ON CONFLICT (organization_id, name) DO UPDATE SET value = c.value + 1
                            RETURNING value)
                        INSERT INTO sim_order (id, organization_id, number, quantity, status, unit_price, currency, placed_by)
                        SELECT :id, :org, next.value, :quantity, 'OPEN', :price, :currency, :by FROM next""")
                .param("id", id)
                .param("org", organizationId)
                .param("quantity", quantity)
                .param("price", unitPrice)
                .param("currency", currency)
                .param("by", by)
                .update();
    }

    /** An order in scope. */
    Optional<SimOrder> find(TenantScope scope, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_order WHERE id = :id AND " + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", id)
                .query(SimOrderRepository::map)
                .optional();
    }

    /**
     * The list's columns, newest first unless asked otherwise. An organisation places a few orders a month, and even
     * the operator's list of every organisation's orders is thousands of rows, so each order is a cheap sort.
     */
    static final SortColumns SORTS = SortColumns.of(
            "-placedAt",
            "organization_id, number",
            "number",
            "number",
            "quantity",
            "quantity",
            "total",
            "quantity * unit_price",
            "status",
            "status",
            "placedAt",
            "placed_at",
            "closedAt",
            "closed_at");

    List<SimOrder> list(TenantScope scope, @Nullable OrderStatus status, SortColumns.Sort sort, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_order" + where(scope, status) + " ORDER BY " + sort.orderBy()
                        + " OFFSET :offset LIMIT :limit")
                .params(scope.parameters())
                .param("status", status == null ? null : status.name())
                .param("offset", offset)
                .param("limit", limit)
                .query(SimOrderRepository::map)
                .list();
    }

    long count(TenantScope scope, @Nullable OrderStatus status) {
        return jdbc.sql("SELECT count(*) FROM sim_order" + where(scope, status))
                .params(scope.parameters())
                .param("status", status == null ? null : status.name())
                .query(Long.class)
                .single();
    }

    private static String where(TenantScope scope, @Nullable OrderStatus status) {
        return " WHERE " + scope.where("organization_id") + (status == null ? "" : " AND status = :status");
    }

    /** Closes an OPEN order; answers false when it was no longer open (closed by someone else meanwhile). */
    @Unscoped("closes an order the use case locked in the caller's scope")
    boolean close(
            UUID organizationId,
            UUID id,
            OrderStatus status,
            String by,
            @Nullable String firstIccid,
            @Nullable String lastIccid) {
        return jdbc.sql("""
                        UPDATE sim_order SET status = :status, closed_by = :by, closed_at = now(),
                               first_iccid = :first, last_iccid = :last
                        WHERE organization_id = :org AND id = :id AND status = 'OPEN'""")
                        .param("status", status.name())
                        .param("by", by)
                        .param("first", firstIccid)
                        .param("last", lastIccid)
                        .param("org", organizationId)
                        .param("id", id)
                        .update()
                == 1;
    }

    /** The order, locked until the transaction ends, so two operators cannot both close it. */
    Optional<SimOrder> lock(TenantScope scope, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_order WHERE id = :id AND " + scope.where("organization_id")
                        + " FOR UPDATE")
                .params(scope.parameters())
                .param("id", id)
                .query(SimOrderRepository::map)
                .optional();
    }

    @Unscoped("deleting a sub-organisation, checked with organisation.delete")
    void deleteClosed(UUID organizationId) {
        jdbc.sql("DELETE FROM sim_order WHERE organization_id = :org AND status <> 'OPEN'")
                .param("org", organizationId)
                .update();
    }

    @Unscoped("deleting a sub-organisation, checked with organisation.delete")
    List<SimOrder> open(UUID organizationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_order WHERE organization_id = :org AND status = 'OPEN'"
                        + " ORDER BY number")
                .param("org", organizationId)
                .query(SimOrderRepository::map)
                .list();
    }

    private static SimOrder map(ResultSet rs, int row) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new SimOrder(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getInt("number"),
                rs.getInt("quantity"),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("unit_price"),
                rs.getString("currency"),
                rs.getString("placed_by"),
                rs.getTimestamp("placed_at").toInstant(),
                rs.getString("closed_by"),
                closed == null ? null : closed.toInstant(),
                rs.getString("first_iccid"),
                rs.getString("last_iccid"));
    }
}
