package io.iotconsole.user;

import io.iotconsole.security.Unscoped;
import io.iotconsole.shared.WriteBatch;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LinkTokenRepository {
    private final JdbcClient jdbc;
    private final WriteBatch writes;

    LinkTokenRepository(JdbcClient jdbc, WriteBatch writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    enum Purpose {
        ACTIVATION,
        RESET
    }

    record LinkToken(
            UUID userId,
            @Nullable UUID organizationId,
            Purpose purpose,
            Instant expiresAt,
            @Nullable Instant usedAt) {}

    @Unscoped("an activation or reset link for a user the use case loaded")
    void insert(byte[] hash, UUID userId, @Nullable UUID organizationId, Purpose purpose, Instant expiresAt) {
        Map<String, @Nullable Object> p = new HashMap<>();
        p.put("hash", hash);
        p.put("user", userId);
        p.put("org", organizationId);
        p.put("purpose", purpose.name());
        p.put("expires", Timestamp.from(expiresAt));
        writes.update("""
                        INSERT INTO user_link_token (token_hash, user_id, organization_id, purpose, expires_at)
                        VALUES (:hash, :user, :org, :purpose, :expires)""", p);
    }

    /** Every unused link of the user stops working (a fresh one replaces it, or the user was deactivated). */
    @Unscoped("ends a user's links when their credentials change")
    void revokeAll(UUID userId) {
        jdbc.sql("DELETE FROM user_link_token WHERE user_id = :user AND used_at IS NULL")
                .param("user", userId)
                .update();
    }

    /** Locks the row so that two concurrent uses of the same link cannot both succeed. */
    @Unscoped("a link, found by its secret's hash")
    Optional<LinkToken> findForUpdate(byte[] hash) {
        return jdbc.sql("SELECT user_id, organization_id, purpose, expires_at, used_at FROM user_link_token"
                        + " WHERE token_hash = :hash FOR UPDATE")
                .param("hash", hash)
                .query((rs, n) -> {
                    Timestamp used = rs.getTimestamp("used_at");
                    return new LinkToken(
                            rs.getObject("user_id", UUID.class),
                            rs.getObject("organization_id", UUID.class),
                            Purpose.valueOf(rs.getString("purpose")),
                            rs.getTimestamp("expires_at").toInstant(),
                            used == null ? null : used.toInstant());
                })
                .optional();
    }

    @Unscoped("a link, found by its secret's hash")
    void markUsed(byte[] hash) {
        jdbc.sql("UPDATE user_link_token SET used_at = now() WHERE token_hash = :hash")
                .param("hash", hash)
                .update();
    }
}
