package io.iotconsole.customer;

import io.iotconsole.security.TenantScope;
import io.iotconsole.security.Unscoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AssistanceRepository {
    /** How long a request waits for an answer, and an approval for the assistance to open. */
    static final String WINDOW = "interval '15 minutes'";

    private static final String COLUMNS = "id, organization_id, customer_id, requested_by, requested_by_label, reason,"
            + " requested_at, answered_at, started_at, CASE"
            + " WHEN status = 'PENDING' AND requested_at <= now() - " + WINDOW + " THEN 'EXPIRED'"
            + " WHEN status = 'APPROVED' AND answered_at <= now() - " + WINDOW + " THEN 'EXPIRED'"
            + " ELSE status END AS status";

    private final JdbcClient jdbc;

    AssistanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AssistancePolicy policy(TenantScope scope, UUID organizationId) {
        return jdbc.sql("SELECT consent_required, minutes, read_only FROM assistance_policy"
                        + " WHERE organization_id = :org AND " + scope.where("organization_id"))
                .params(scope.parameters())
                .param("org", organizationId)
                .query((rs, n) -> new AssistancePolicy(
                        rs.getBoolean("consent_required"), rs.getInt("minutes"), rs.getBoolean("read_only")))
                .optional()
                .orElse(AssistancePolicy.DEFAULT);
    }

    void savePolicy(TenantScope scope, UUID organizationId, AssistancePolicy policy) {
        scope.requireIncludes(organizationId, "Organisation");
        jdbc.sql("""
                        INSERT INTO assistance_policy (organization_id, consent_required, minutes, read_only)
                        VALUES (:org, :consent, :minutes, :readOnly)
                        ON CONFLICT (organization_id) DO UPDATE SET consent_required = :consent, minutes = :minutes,
                            read_only = :readOnly""")
                .param("org", organizationId)
                .param("consent", policy.consentRequired())
                .param("minutes", policy.minutes())
                .param("readOnly", policy.readOnly())
                .update();
    }

    void insert(TenantScope scope, AssistanceRequest r) {
        scope.requireIncludes(r.organizationId(), "Customer");
        jdbc.sql("""
                        INSERT INTO assistance_request (id, organization_id, customer_id, requested_by,
                            requested_by_label, reason, status, requested_at)
                        VALUES (:id, :org, :customer, :by, :label, :reason, 'PENDING', :at)""")
                .param("id", r.id())
                .param("org", r.organizationId())
                .param("customer", r.customerId())
                .param("by", r.requestedBy())
                .param("label", r.requestedByLabel())
                .param("reason", r.reason())
                .param("at", Timestamp.from(r.requestedAt()))
                .update();
    }

    /** The caller's latest request to assist this customer. */
    Optional<AssistanceRequest> latestBy(TenantScope scope, UUID customerId, UUID requestedBy) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assistance_request WHERE customer_id = :customer"
                        + " AND requested_by = :by AND " + scope.where("organization_id")
                        + " ORDER BY requested_at DESC LIMIT 1")
                .params(scope.parameters())
                .param("customer", customerId)
                .param("by", requestedBy)
                .query(AssistanceRepository::map)
                .optional();
    }

    /** The requests waiting for this customer's answer. */
    List<AssistanceRequest> pending(TenantScope scope, UUID customerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assistance_request WHERE customer_id = :customer"
                        + " AND status = 'PENDING' AND requested_at > now() - " + WINDOW + " AND "
                        + scope.where("organization_id") + " ORDER BY requested_at DESC")
                .params(scope.parameters())
                .param("customer", customerId)
                .query(AssistanceRepository::map)
                .list();
    }

    /** Approves or declines a live request of this customer; empty when it expired or was answered already. */
    Optional<AssistanceRequest> answer(TenantScope scope, UUID customerId, UUID id, boolean approve) {
        return jdbc.sql("UPDATE assistance_request SET status = :status, answered_at = now()"
                        + " WHERE id = :id AND customer_id = :customer AND status = 'PENDING'"
                        + " AND requested_at > now() - " + WINDOW + " AND " + scope.where("organization_id")
                        + " RETURNING " + COLUMNS)
                .params(scope.parameters())
                .param("status", approve ? "APPROVED" : "DECLINED")
                .param("id", id)
                .param("customer", customerId)
                .query(AssistanceRepository::map)
                .optional();
    }

    /** Claims the caller's approved request (once) while the approval is fresh. */
    Optional<AssistanceRequest> claimApproved(TenantScope scope, UUID customerId, UUID requestedBy) {
        return jdbc.sql("UPDATE assistance_request SET status = 'STARTED', started_at = now()"
                        + " WHERE id = (SELECT id FROM assistance_request WHERE customer_id = :customer"
                        + " AND requested_by = :by AND status = 'APPROVED' AND answered_at > now() - " + WINDOW
                        + " AND " + scope.where("organization_id")
                        + " ORDER BY answered_at DESC LIMIT 1 FOR UPDATE SKIP LOCKED) AND status = 'APPROVED'"
                        + " RETURNING " + COLUMNS)
                .params(scope.parameters())
                .param("customer", customerId)
                .param("by", requestedBy)
                .query(AssistanceRepository::map)
                .optional();
    }

    /** Marks requests nobody answered, or approved and never opened, in time; each is answered to one caller. */
    @Unscoped("the scheduled expiry goes through every organisation")
    List<AssistanceRequest> expireStale() {
        return jdbc.sql("UPDATE assistance_request SET status = 'EXPIRED'"
                        + " WHERE (status = 'PENDING' AND requested_at <= now() - " + WINDOW + ")"
                        + " OR (status = 'APPROVED' AND answered_at <= now() - " + WINDOW + ")"
                        + " RETURNING " + COLUMNS)
                .query(AssistanceRepository::map)
                .list();
    }

    private static AssistanceRequest map(ResultSet rs, int row) throws SQLException {
        return new AssistanceRequest(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getObject("requested_by", UUID.class),
                rs.getString("requested_by_label"),
                rs.getString("reason"),
                rs.getString("status"),
                rs.getTimestamp("requested_at").toInstant(),
                instant(rs.getTimestamp("answered_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
