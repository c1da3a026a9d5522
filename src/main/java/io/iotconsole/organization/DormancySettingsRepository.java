package io.iotconsole.organization;

import io.iotconsole.security.TenantScope;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DormancySettingsRepository {
    private final JdbcClient jdbc;

    DormancySettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The setting of an organisation in scope; an empty answer means no such organisation. */
    record Setting(@Nullable Integer days) {}

    Optional<Setting> days(TenantScope scope, UUID id) {
        return jdbc.sql("SELECT dormant_after_days FROM organization WHERE id = :id AND " + scope.where("id"))
                .params(scope.parameters())
                .param("id", id)
                .query((rs, n) -> new Setting(rs.getObject("dormant_after_days", Integer.class)))
                .optional();
    }

    void update(TenantScope scope, UUID id, @Nullable Integer days) {
        jdbc.sql("UPDATE organization SET dormant_after_days = :days WHERE id = :id AND " + scope.where("id"))
                .params(scope.parameters())
                .param("id", id)
                .param("days", days, java.sql.Types.INTEGER)
                .update();
    }
}
