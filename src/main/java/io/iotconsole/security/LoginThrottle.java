package io.iotconsole.security;

import io.iotconsole.shared.TextFields;
import io.iotconsole.shared.Tokens;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account name and per source address in PostgreSQL, so every instance sees the same
 * counts. Keys are kept for names that do not exist too: a lock then says nothing about whether an account exists.
 */
@Component
class LoginThrottle {
    private final JdbcClient jdbc;
    private final LoginThrottleProperties props;

    LoginThrottle(JdbcClient jdbc, LoginThrottleProperties props) {
        this.jdbc = jdbc;
        this.props = props;
    }

    /**
     * The name as typed, or, for a name no account can have (over-long, or with control characters), its SHA-256:
     * such attempts are still counted, and the key always fits its column.
     */
    static String accountKey(String login) {
        String name = login.trim().toLowerCase(Locale.ROOT);
        if (TextFields.problem(name, 254, false) != null) {
            return "account:sha256:" + HexFormat.of().formatHex(Tokens.hash(name));
        }
        return "account:" + name;
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    /** What is known of these keys, in one query: whether any is locked, and the most failures in the window. */
    record State(boolean locked, int failures, boolean anyRow) {}

    State state(String... keys) {
        Instant windowStart = Instant.now().minus(props.window());
        return jdbc.sql("""
                        SELECT coalesce(bool_or(locked_until > now()), false) AS locked,
                               coalesce(max(CASE WHEN window_start >= :ws THEN failures ELSE 0 END), 0) AS failures,
                               count(*) > 0 AS any_row
                        FROM login_throttle WHERE throttle_key IN (:keys)""")
                .param("keys", java.util.List.of(keys))
                .param("ws", Timestamp.from(windowStart))
                .query((rs, n) -> new State(rs.getBoolean("locked"), rs.getInt("failures"), rs.getBoolean("any_row")))
                .single();
    }

    /** Records one failure and answers the failures counted in the current window. */
    int recordFailure(String key, int lockAfter) {
        Instant windowStart = Instant.now().minus(props.window());
        int failures = jdbc.sql("""
                        INSERT INTO login_throttle (throttle_key, failures, window_start) VALUES (:k, 1, now())
                        ON CONFLICT (throttle_key) DO UPDATE SET
                          failures = CASE WHEN login_throttle.window_start < :ws THEN 1 ELSE login_throttle.failures + 1 END,
                          window_start = CASE WHEN login_throttle.window_start < :ws THEN now() ELSE login_throttle.window_start END
                        RETURNING failures""")
                .param("k", key)
                .param("ws", Timestamp.from(windowStart))
                .query(Integer.class)
                .single();
        if (failures >= lockAfter) {
            jdbc.sql(
                            "UPDATE login_throttle SET locked_until = :until, failures = 0, window_start = now() WHERE throttle_key = :k")
                    .param("k", key)
                    .param("until", Timestamp.from(Instant.now().plus(props.lockFor())))
                    .update();
        }
        return failures;
    }

    void clear(String key) {
        jdbc.sql("DELETE FROM login_throttle WHERE throttle_key = :k")
                .param("k", key)
                .update();
    }
}
