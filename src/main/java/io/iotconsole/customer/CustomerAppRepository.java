package io.iotconsole.customer;

import io.iotconsole.security.TenantScope;
import io.iotconsole.security.Unscoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each organisation's customer app settings (table {@code customer_app}); no row means every default. */
@Repository
class CustomerAppRepository {
    private static final String SELECT = "SELECT o.id, o.account_number, o.name AS organization_name, a.slug,"
            + " a.name, a.color, a.logo_type, a.logo_updated_at"
            + " FROM organization o LEFT JOIN customer_app a ON a.organization_id = o.id";
    private final JdbcClient jdbc;

    CustomerAppRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Logo(byte[] bytes, String contentType, Instant updatedAt) {}

    /** The app at a public address: a chosen short name, or an account number (which no chosen name can be). */
    @Unscoped("the app's public address names its organisation: anyone may open an app's sign-in page")
    Optional<AppBrand> findByAddress(String slugOrAccountNumber) {
        return jdbc.sql(SELECT + " WHERE a.slug = :key OR o.account_number = :key")
                .param("key", slugOrAccountNumber)
                .query(CustomerAppRepository::map)
                .optional();
    }

    Optional<AppBrand> find(TenantScope scope, UUID organizationId) {
        return jdbc.sql(SELECT + " WHERE o.id = :id AND " + scope.where("o.id"))
                .params(scope.parameters())
                .param("id", organizationId)
                .query(CustomerAppRepository::map)
                .optional();
    }

    /** Saves the chosen address, name and colour (null: the default); a taken address is a DuplicateKeyException. */
    void save(
            TenantScope scope,
            UUID organizationId,
            @Nullable String slug,
            @Nullable String name,
            @Nullable String color) {
        jdbc.sql("INSERT INTO customer_app (organization_id, slug, name, color)"
                        + " SELECT o.id, :slug, :name, :color FROM organization o WHERE o.id = :id AND "
                        + scope.where("o.id")
                        + " ON CONFLICT (organization_id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name,"
                        + " color = EXCLUDED.color, updated_at = now()")
                .params(scope.parameters())
                .param("id", organizationId)
                .param("slug", slug)
                .param("name", name)
                .param("color", color)
                .update();
    }

    void saveLogo(TenantScope scope, UUID organizationId, byte[] bytes, String contentType) {
        jdbc.sql("INSERT INTO customer_app (organization_id, logo, logo_type, logo_updated_at)"
                        + " SELECT o.id, :logo, :type, clock_timestamp() FROM organization o WHERE o.id = :id AND "
                        + scope.where("o.id")
                        + " ON CONFLICT (organization_id) DO UPDATE SET logo = EXCLUDED.logo,"
                        + " logo_type = EXCLUDED.logo_type, logo_updated_at = EXCLUDED.logo_updated_at,"
                        + " updated_at = now()")
                .params(scope.parameters())
                .param("id", organizationId)
                .param("logo", bytes)
                .param("type", contentType)
                .update();
    }

    void removeLogo(TenantScope scope, UUID organizationId) {
        jdbc.sql("UPDATE customer_app SET logo = NULL, logo_type = NULL, logo_updated_at = NULL, updated_at = now()"
                        + " WHERE organization_id = :id AND " + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", organizationId)
                .update();
    }

    Optional<Logo> logo(TenantScope scope, UUID organizationId) {
        return jdbc.sql("SELECT logo, logo_type, logo_updated_at FROM customer_app"
                        + " WHERE organization_id = :id AND logo IS NOT NULL AND " + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", organizationId)
                .query((rs, row) -> new Logo(
                        rs.getBytes("logo"),
                        rs.getString("logo_type"),
                        rs.getTimestamp("logo_updated_at").toInstant()))
                .optional();
    }

    private static AppBrand map(ResultSet rs, int row) throws SQLException {
        Timestamp logoAt = rs.getTimestamp("logo_updated_at");
        return new AppBrand(
                rs.getObject("id", UUID.class),
                rs.getString("account_number").strip(),
                rs.getString("organization_name"),
                rs.getString("slug"),
                rs.getString("name"),
                rs.getString("color"),
                rs.getString("logo_type"),
                logoAt == null ? null : logoAt.toInstant());
    }
}
