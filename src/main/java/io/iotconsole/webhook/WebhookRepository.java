package io.iotconsole.webhook;

import io.iotconsole.security.TenantScope;
import io.iotconsole.security.Unscoped;
import io.iotconsole.shared.WriteBatch;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WebhookRepository {
    private static final String ENDPOINT_COLUMNS = "id, organization_id, url, description, event_types, enabled,"
            + " disabled_reason, failing_since, created_at, updated_at";
    private final JdbcClient jdbc;
    private final WriteBatch writes;

    WebhookRepository(JdbcClient jdbc, WriteBatch writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    List<WebhookEndpoint> list(TenantScope scope) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint WHERE " + scope.where("organization_id")
                        + " ORDER BY created_at, id")
                .params(scope.parameters())
                .query(WebhookRepository::endpoint)
                .list();
    }

    Optional<WebhookEndpoint> find(TenantScope scope, UUID id) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint WHERE id = :id AND "
                        + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", id)
                .query(WebhookRepository::endpoint)
                .optional();
    }

    void insert(
            TenantScope scope,
            UUID id,
            String url,
            @Nullable String description,
            List<String> types,
            String secret,
            Instant now) {
        Map<String, @Nullable Object> p = new HashMap<>();
        p.put("id", id);
        p.put("org", scope.organizationId("organizationId"));
        p.put("url", url);
        p.put("description", description);
        p.put("types", String.join(",", types));
        p.put("secret", secret);
        p.put("now", Timestamp.from(now));
        jdbc.sql("""
                        INSERT INTO webhook_endpoint
                            (id, organization_id, url, description, event_types, secret, created_at, updated_at)
                        VALUES (:id, :org, :url, :description, string_to_array(:types, ','), :secret, :now, :now)""").params(p).update();
    }

    /** Saving an endpoint enabled clears a past failure streak: it starts afresh. */
    void update(
            TenantScope scope,
            UUID id,
            String url,
            @Nullable String description,
            List<String> types,
            boolean enabled,
            Instant now) {
        Map<String, @Nullable Object> p = new HashMap<>(scope.parameters());
        p.put("id", id);
        p.put("url", url);
        p.put("description", description);
        p.put("types", String.join(",", types));
        p.put("enabled", enabled);
        p.put("now", Timestamp.from(now));
        jdbc.sql("""
                        UPDATE webhook_endpoint SET url = :url, description = :description,
                            event_types = string_to_array(:types, ','),
                            failing_since = CASE WHEN :enabled AND NOT enabled THEN NULL ELSE failing_since END,
                            disabled_reason = CASE WHEN :enabled THEN NULL ELSE disabled_reason END,
                            enabled = :enabled, updated_at = :now
                        WHERE id = :id AND\s""" + scope.where("organization_id")).params(p).update();
        if (enabled) {
            // enabled (again): what waited is sent at once rather than after the back-off it reached
            jdbc.sql("UPDATE webhook_delivery SET next_attempt_at = :now WHERE endpoint_id = :id AND status = 'PENDING'"
                            + " AND next_attempt_at > :now AND " + scope.where("organization_id"))
                    .params(scope.parameters())
                    .param("id", id)
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    void delete(TenantScope scope, UUID id) {
        jdbc.sql("DELETE FROM webhook_endpoint WHERE id = :id AND " + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", id)
                .update();
    }

    void setSecret(TenantScope scope, UUID id, String secret, Instant now) {
        jdbc.sql("UPDATE webhook_endpoint SET secret = :secret, updated_at = :now WHERE id = :id AND "
                        + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", id)
                .param("secret", secret)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * The event and one delivery per enabled endpoint of the organisation that chose its type, in one statement that
     * writes nothing when no endpoint chose it: every audited change runs it, and most have no subscriber, so asking
     * first would cost each change a round trip. Sent with the change's other follow-up writes ({@link WriteBatch}).
     */
    void insertEventForSubscribers(TenantScope scope, String id, String type, String body, Instant now) {
        Map<String, @Nullable Object> p = new HashMap<>(scope.parameters());
        p.put("id", id);
        p.put("org", scope.organizationId("organizationId"));
        p.put("type", type);
        p.put("body", body);
        p.put("now", Timestamp.from(now));
        writes.update("""
                        WITH endpoint AS (
                            SELECT id FROM webhook_endpoint
                            WHERE enabled AND CAST(:type AS text) = ANY (event_types) AND %s),
                        event AS (
                            INSERT INTO webhook_event (id, organization_id, type, body, created_at)
                            SELECT CAST(:id AS varchar), CAST(:org AS uuid), CAST(:type AS varchar), CAST(:body AS text),
                                CAST(:now AS timestamptz)
                            WHERE EXISTS (SELECT FROM endpoint)
                            RETURNING id)
                        INSERT INTO webhook_delivery
                            (id, organization_id, endpoint_id, event_id, status, next_attempt_at, created_at)
                        SELECT gen_random_uuid(), CAST(:org AS uuid), endpoint.id, event.id, 'PENDING',
                            CAST(:now AS timestamptz), CAST(:now AS timestamptz)
                        FROM endpoint, event""".formatted(scope.where("organization_id")), p);
    }

    void insertEvent(TenantScope scope, String id, String type, String body, Instant now) {
        jdbc.sql("""
                        INSERT INTO webhook_event (id, organization_id, type, body, created_at)
                        VALUES (:id, :org, :type, :body, :now)""")
                .param("id", id)
                .param("org", scope.organizationId("organizationId"))
                .param("type", type)
                .param("body", body)
                .param("now", Timestamp.from(now))
                .update();
    }

    void insertDelivery(TenantScope scope, UUID endpoint, String event, Instant now) {
        jdbc.sql("""
                        INSERT INTO webhook_delivery
                            (id, organization_id, endpoint_id, event_id, status, next_attempt_at, created_at)
                        VALUES (:id, :org, :endpoint, :event, 'PENDING', :now, :now)""")
                .param("id", UUID.randomUUID())
                .param("org", scope.organizationId("organizationId"))
                .param("endpoint", endpoint)
                .param("event", event)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** A delivery claimed for one try, with what sending it needs. */
    record Claimed(
            UUID id,
            UUID organizationId,
            UUID endpointId,
            String eventId,
            String eventType,
            int attempts,
            String url,
            String secret,
            String body) {}

    /**
     * Claims due deliveries of enabled endpoints for one try: rows another instance holds are skipped, and a claimed
     * row is not due again until {@code leaseUntil}, so that a try cut short by a stopped instance is made again
     * later by any other.
     */
    @Unscoped("the delivery worker: sends every organisation's due events")
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        UPDATE webhook_delivery d SET next_attempt_at = :lease
                        FROM (SELECT d2.id FROM webhook_delivery d2
                              JOIN webhook_endpoint e2 ON e2.id = d2.endpoint_id AND e2.enabled
                              WHERE d2.status = 'PENDING' AND d2.next_attempt_at <= :now
                              ORDER BY d2.next_attempt_at LIMIT :limit FOR UPDATE OF d2 SKIP LOCKED) due,
                             webhook_endpoint e, webhook_event ev
                        WHERE d.id = due.id AND e.id = d.endpoint_id AND ev.id = d.event_id
                        RETURNING d.id, d.organization_id, d.endpoint_id, d.event_id, ev.type, d.attempts, e.url,
                            e.secret, ev.body""")
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(leaseUntil))
                .param("limit", limit)
                .query((rs, n) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getObject("endpoint_id", UUID.class),
                        rs.getString("event_id"),
                        rs.getString("type"),
                        rs.getInt("attempts"),
                        rs.getString("url"),
                        rs.getString("secret"),
                        rs.getString("body")))
                .list();
    }

    void insertAttempt(
            TenantScope scope,
            UUID delivery,
            UUID endpoint,
            Instant at,
            @Nullable Integer status,
            @Nullable String answer,
            int durationMs) {
        Map<String, @Nullable Object> p = new HashMap<>();
        p.put("org", scope.organizationId("organizationId"));
        p.put("delivery", delivery);
        p.put("endpoint", endpoint);
        p.put("at", Timestamp.from(at));
        p.put("status", status);
        p.put("answer", answer);
        p.put("duration", durationMs);
        jdbc.sql("""
                        INSERT INTO webhook_attempt
                            (organization_id, delivery_id, endpoint_id, attempted_at, http_status, answer, duration_ms)
                        VALUES (:org, :delivery, :endpoint, :at, :status, :answer, :duration)""").params(p).update();
    }

    void delivered(TenantScope scope, UUID delivery, UUID endpoint, Instant at) {
        jdbc.sql("UPDATE webhook_delivery SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = :at"
                        + " WHERE id = :id AND " + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", delivery)
                .param("at", Timestamp.from(at))
                .update();
        jdbc.sql("UPDATE webhook_endpoint SET failing_since = NULL WHERE id = :id AND failing_since IS NOT NULL AND "
                        + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", endpoint)
                .update();
    }

    /** A failed try: tried again at {@code next}, or given up on (FAILED) when {@code next} is null. */
    void failed(TenantScope scope, UUID delivery, @Nullable Instant next) {
        jdbc.sql("UPDATE webhook_delivery SET attempts = attempts + 1,"
                        + " status = CASE WHEN CAST(:next AS timestamptz) IS NULL THEN 'FAILED' ELSE 'PENDING' END,"
                        + " next_attempt_at = COALESCE(CAST(:next AS timestamptz), next_attempt_at)"
                        + " WHERE id = :id AND " + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", delivery)
                .param("next", next == null ? null : Timestamp.from(next))
                .update();
    }

    /** Notes the start of a failure streak (if none was running) and answers when it started. */
    Instant failingSince(TenantScope scope, UUID endpoint, Instant at) {
        return jdbc.sql("UPDATE webhook_endpoint SET failing_since = COALESCE(failing_since, :at) WHERE id = :id AND "
                        + scope.where("organization_id") + " RETURNING failing_since")
                .params(scope.parameters())
                .param("id", endpoint)
                .param("at", Timestamp.from(at))
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(at);
    }

    /** Disables an enabled endpoint; answers whether this call did it (so that one instance alone tells the Owner). */
    boolean disable(TenantScope scope, UUID endpoint, String reason, Instant at) {
        return jdbc.sql("UPDATE webhook_endpoint SET enabled = false, disabled_reason = :reason, updated_at = :at"
                                + " WHERE id = :id AND enabled AND " + scope.where("organization_id"))
                        .params(scope.parameters())
                        .param("id", endpoint)
                        .param("reason", reason)
                        .param("at", Timestamp.from(at))
                        .update()
                > 0;
    }

    List<WebhookAttempt> attempts(TenantScope scope, UUID endpoint, int limit) {
        return jdbc.sql("""
                        SELECT a.id, a.delivery_id, d.event_id, ev.type, a.attempted_at, a.http_status, a.answer,
                            a.duration_ms, d.status, d.attempts, d.next_attempt_at
                        FROM webhook_attempt a
                        JOIN webhook_delivery d ON d.id = a.delivery_id
                        JOIN webhook_event ev ON ev.id = d.event_id
                        WHERE a.endpoint_id = :endpoint AND\s"""
                        + scope.where("a.organization_id")
                        + " ORDER BY a.attempted_at DESC, a.id DESC LIMIT :limit")
                .params(scope.parameters())
                .param("endpoint", endpoint)
                .param("limit", limit)
                .query((rs, n) -> new WebhookAttempt(
                        rs.getLong("id"),
                        rs.getObject("delivery_id", UUID.class),
                        rs.getString("event_id"),
                        rs.getString("type"),
                        instant(rs, "attempted_at"),
                        (Integer) rs.getObject("http_status"),
                        rs.getString("answer"),
                        rs.getInt("duration_ms"),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        "PENDING".equals(rs.getString("status")) ? instant(rs, "next_attempt_at") : null))
                .list();
    }

    /** Makes a delivery of the endpoint due now again, whatever became of it; false when there is no such one. */
    boolean sendAgain(TenantScope scope, UUID endpoint, UUID delivery, Instant now) {
        return jdbc.sql("UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = :now, attempts = 0"
                                + " WHERE id = :id AND endpoint_id = :endpoint AND "
                                + scope.where("organization_id"))
                        .params(scope.parameters())
                        .param("id", delivery)
                        .param("endpoint", endpoint)
                        .param("now", Timestamp.from(now))
                        .update()
                > 0;
    }

    private static WebhookEndpoint endpoint(ResultSet rs, int n) throws SQLException {
        Array types = rs.getArray("event_types");
        return new WebhookEndpoint(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("url"),
                rs.getString("description"),
                Arrays.asList((String[]) types.getArray()),
                rs.getBoolean("enabled"),
                rs.getString("disabled_reason"),
                rs.getTimestamp("failing_since") == null ? null : instant(rs, "failing_since"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
