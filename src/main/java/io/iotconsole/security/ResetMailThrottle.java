package io.iotconsole.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Limits "forgotten password" mails, so that nobody can flood an inbox through the public reset forms: at most
 * {@link #PER_HOUR} requests an hour for one address (of the console, or of one customer app). Requests are counted
 * for every address typed, known or not, and the caller answers the same either way, so the limit says nothing about
 * which addresses exist. Counted in PostgreSQL (the sign-in counters' table), so every instance sees the same count.
 */
@Component
public class ResetMailThrottle {
    /** Enough for a mail that went to spam and one more try; far too few to flood anyone. */
    public static final int PER_HOUR = 3;

    private static final Duration WINDOW = Duration.ofHours(1);
    private final JdbcClient jdbc;

    ResetMailThrottle(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts one request for the address in its scope (e.g. {@code console} or an app's organisation) and answers
     * whether a mail may go out for it. Runs in its own statement: a refused or failed mail still counts.
     */
    public boolean take(String scope, String address) {
        String name = scope + ":" + address.strip().toLowerCase(Locale.ROOT);
        // the key column is bounded; the address may be anything a form posts
        String key = "reset:" + HexFormat.of().formatHex(io.iotconsole.shared.Tokens.hash(name));
        Instant now = Instant.now();
        int count = jdbc.sql("""
                        INSERT INTO login_throttle AS t (throttle_key, failures, window_start)
                        VALUES (:k, 1, :now)
                        ON CONFLICT (throttle_key) DO UPDATE SET
                          failures = CASE WHEN t.window_start < :ws THEN 1 ELSE t.failures + 1 END,
                          window_start = CASE WHEN t.window_start < :ws THEN :now ELSE t.window_start END
                        RETURNING failures""")
                .param("k", key)
                .param("now", Timestamp.from(now))
                .param("ws", Timestamp.from(now.minus(WINDOW)))
                .query(Integer.class)
                .single();
        return count <= PER_HOUR;
    }
}
