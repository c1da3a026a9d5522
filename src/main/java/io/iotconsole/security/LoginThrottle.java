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
 * Counts sign-in attempts per account name and per source address in PostgreSQL, so every instance sees the same
 * counts. Keys are kept for names that do not exist too: a lock then says nothing about whether an account exists.
 *
 * <p>An attempt is counted when it begins, before the password is checked, in one statement that also answers
 * whether the key is over its limit: of any number of parallel attempts, only as many as the limit get their
 * password checked. A successful attempt is taken back afterwards.
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

    /** A key after counting one more attempt: the attempts in the window (this one included), and whether locked. */
    record Count(int attempts, boolean locked) {}

    /**
     * Counts one attempt against the key, atomically: a locked key stays locked and counts nothing more; a window
     * that has run out (or a lock that has) starts again at this attempt; the first attempt beyond {@code limit}
     * locks the key. The row lock of the statement is held only for the statement itself (call it outside a
     * transaction), so parallel attempts are serialised on the counter and never on the password check.
     */
    Count take(String key, int limit) {
        Instant now = Instant.now();
        return jdbc.sql("""
                        INSERT INTO login_throttle AS t (throttle_key, failures, window_start, locked_until)
                        VALUES (:k, 1, :now, CASE WHEN 1 > :limit THEN CAST(:until AS timestamptz) END)
                        ON CONFLICT (throttle_key) DO UPDATE SET
                          failures = CASE
                            WHEN t.locked_until > :now THEN t.failures
                            WHEN t.locked_until IS NOT NULL OR t.window_start < :ws THEN 1
                            ELSE t.failures + 1 END,
                          window_start = CASE
                            WHEN t.locked_until > :now THEN t.window_start
                            WHEN t.locked_until IS NOT NULL OR t.window_start < :ws THEN :now
                            ELSE t.window_start END,
                          locked_until = CASE
                            WHEN t.locked_until > :now THEN t.locked_until
                            WHEN t.locked_until IS NOT NULL OR t.window_start < :ws THEN
                              CASE WHEN 1 > :limit THEN CAST(:until AS timestamptz) END
                            WHEN t.failures + 1 > :limit THEN CAST(:until AS timestamptz)
                            END
                        RETURNING failures, coalesce(locked_until > :now, false) AS locked""")
                .param("k", key)
                .param("limit", limit)
                .param("now", Timestamp.from(now))
                .param("ws", Timestamp.from(now.minus(props.window())))
                .param("until", Timestamp.from(now.plus(props.lockFor())))
                .query((rs, n) -> new Count(rs.getInt("failures"), rs.getBoolean("locked")))
                .single();
    }

    /** A successful attempt is no failure: it is taken back from the key's count (a lock stays). */
    void giveBack(String key) {
        jdbc.sql("""
                        UPDATE login_throttle SET failures = greatest(failures - 1, 0)
                        WHERE throttle_key = :k AND locked_until IS NULL""").param("k", key).update();
    }

    /** A successful sign-in to the account forgives its earlier failures. */
    void clear(String key) {
        jdbc.sql("DELETE FROM login_throttle WHERE throttle_key = :k")
                .param("k", key)
                .update();
    }
}
