package io.iotconsole.user;

import io.iotconsole.security.Unscoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DormantAccountRepository {
    /** Any constant both instances agree on: the key of the advisory lock the run holds. */
    private static final long LOCK_KEY = 0x10c0_d0e5_0001L;
    /** A user's latest sign of life: sign-in, activation (also a re-activation), or creation. */
    private static final String ACTIVITY = "GREATEST(u.last_sign_in_at, u.activated_at, u.created_at)";

    private static final String DUE = """
            SELECT u.id, u.organization_id, u.first_name, u.last_name, u.email, o.name AS org_name,
                o.dormant_after_days, %s AS activity
            FROM app_user u JOIN organization o ON o.id = u.organization_id
            WHERE u.status = 'ACTIVE' AND u.role NOT IN ('API_USER', 'OPERATOR') AND o.dormant_after_days IS NOT NULL
              AND %s
            ORDER BY u.id LIMIT :limit
            FOR UPDATE OF u SKIP LOCKED""";

    private final JdbcClient jdbc;

    DormantAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Due(
            UUID id,
            UUID organizationId,
            String firstName,
            String lastName,
            String email,
            String organizationName,
            int days,
            Instant activity) {}

    /** Whether this transaction won the run; another instance holding it makes this one skip. */
    @Unscoped("a lock of the whole installation's dormancy run")
    boolean tryLock() {
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                .param("key", LOCK_KEY)
                .query(Boolean.class)
                .single());
    }

    /** Users 7 days or less from deactivation who have not been warned since their latest activity. */
    @Unscoped("the scheduled dormancy run goes through every organisation")
    List<Due> toWarn(Instant now, int limit) {
        return due(
                ACTIVITY + " + make_interval(days => o.dormant_after_days - 7) <= CAST(:now AS timestamptz)"
                        + " AND (u.dormancy_warned_at IS NULL OR u.dormancy_warned_at < " + ACTIVITY + ")",
                now,
                limit);
    }

    /** Users past their organisation's limit who were warned at least 7 days ago and have not signed in since. */
    @Unscoped("the scheduled dormancy run goes through every organisation")
    List<Due> toDeactivate(Instant now, int limit) {
        return due(
                ACTIVITY + " + make_interval(days => o.dormant_after_days) <= CAST(:now AS timestamptz)"
                        + " AND u.dormancy_warned_at >= " + ACTIVITY
                        + " AND u.dormancy_warned_at <= CAST(:now AS timestamptz) - interval '7 days'",
                now,
                limit);
    }

    private List<Due> due(String condition, Instant now, int limit) {
        return jdbc.sql(DUE.formatted(ACTIVITY, condition))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query((rs, n) -> new Due(
                        rs.getObject("id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getString("first_name"),
                        rs.getString("last_name"),
                        rs.getString("email"),
                        rs.getString("org_name"),
                        rs.getInt("dormant_after_days"),
                        rs.getTimestamp("activity").toInstant()))
                .list();
    }

    @Unscoped("a user the dormancy run has just claimed")
    void markWarned(UUID id, Instant now) {
        jdbc.sql("UPDATE app_user SET dormancy_warned_at = CAST(:now AS timestamptz) WHERE id = :id")
                .param("id", id)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }
}
