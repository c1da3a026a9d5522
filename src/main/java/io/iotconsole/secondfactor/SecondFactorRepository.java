package io.iotconsole.secondfactor;

import io.iotconsole.security.TenantScope;
import io.iotconsole.security.Unscoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of second factors. Authenticator secrets and recovery codes carry the user's organisation and are reached in
 * the caller's scope; passkeys live in Spring Security's tables, which know users only by id (the entity's name),
 * so they are reached by the id of a user already loaded in scope.
 */
@Repository
class SecondFactorRepository {
    private final JdbcClient jdbc;

    SecondFactorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Totp(String secretEncrypted, @Nullable Instant confirmedAt, long lastStep) {}

    record Passkey(
            String credentialId,
            String label,
            @Nullable Instant created,
            @Nullable Instant lastUsed) {}

    record Status(boolean enrolled, boolean required) {}

    @Unscoped("the signed-in user's own standing, on every console request of a session without its second factor")
    Status status(UUID userId, @Nullable UUID organizationId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM totp_secret WHERE user_id = :u AND confirmed_at IS NOT NULL)
                            OR EXISTS (SELECT 1 FROM user_credentials c
                                       JOIN user_entities e ON e.id = c.user_entity_user_id WHERE e.name = :name)
                               AS enrolled,
                          EXISTS (SELECT 1 FROM second_factor_policy WHERE organization_id = :org AND required)
                               AS required""")
                .param("u", userId)
                .param("name", userId.toString())
                .param("org", organizationId)
                .query((rs, n) -> new Status(rs.getBoolean("enrolled"), rs.getBoolean("required")))
                .single();
    }

    Optional<Totp> totp(TenantScope scope, UUID userId) {
        return jdbc.sql("SELECT secret_encrypted, confirmed_at, last_step FROM totp_secret WHERE user_id = :u AND "
                        + scope.where("organization_id"))
                .params(scope.parameters())
                .param("u", userId)
                .query((rs, n) -> new Totp(
                        rs.getString("secret_encrypted"),
                        rs.getTimestamp("confirmed_at") == null
                                ? null
                                : rs.getTimestamp("confirmed_at").toInstant(),
                        rs.getLong("last_step")))
                .optional();
    }

    /** A new secret awaiting its first code, replacing one that never got it. */
    void startTotp(TenantScope scope, UUID userId, @Nullable UUID organizationId, String secretEncrypted) {
        scope.requireIncludes(organizationId, "user");
        jdbc.sql("""
                        INSERT INTO totp_secret (user_id, organization_id, secret_encrypted)
                        VALUES (:u, :org, :s)
                        ON CONFLICT (user_id) DO UPDATE SET secret_encrypted = :s, last_step = 0, created_at = now()
                        WHERE totp_secret.confirmed_at IS NULL""")
                .param("u", userId)
                .param("org", organizationId)
                .param("s", secretEncrypted)
                .update();
    }

    /**
     * Takes the code of {@code step} if no code of that step or a later one was taken before, in one statement:
     * of two requests with the same code, on any instances, one wins. Confirms a pending secret at its first code.
     */
    boolean takeStep(TenantScope scope, UUID userId, long step, boolean confirming) {
        return jdbc.sql("UPDATE totp_secret SET last_step = :step,"
                                + " confirmed_at = coalesce(confirmed_at, now())"
                                + " WHERE user_id = :u AND last_step < :step AND confirmed_at IS "
                                + (confirming ? "NULL" : "NOT NULL") + " AND " + scope.where("organization_id"))
                        .params(scope.parameters())
                        .param("u", userId)
                        .param("step", step)
                        .update()
                == 1;
    }

    boolean deleteTotp(TenantScope scope, UUID userId) {
        return jdbc.sql("DELETE FROM totp_secret WHERE user_id = :u AND " + scope.where("organization_id"))
                        .params(scope.parameters())
                        .param("u", userId)
                        .update()
                > 0;
    }

    void replaceRecoveryCodes(TenantScope scope, UUID userId, @Nullable UUID organizationId, List<byte[]> hashes) {
        scope.requireIncludes(organizationId, "user");
        deleteRecoveryCodes(scope, userId);
        for (byte[] hash : hashes) {
            jdbc.sql("INSERT INTO recovery_code (user_id, organization_id, code_hash) VALUES (:u, :org, :h)")
                    .param("u", userId)
                    .param("org", organizationId)
                    .param("h", hash)
                    .update();
        }
    }

    int deleteRecoveryCodes(TenantScope scope, UUID userId) {
        return jdbc.sql("DELETE FROM recovery_code WHERE user_id = :u AND " + scope.where("organization_id"))
                .params(scope.parameters())
                .param("u", userId)
                .update();
    }

    /** Uses up the code if it is one of the user's and unused, atomically. */
    boolean useRecoveryCode(TenantScope scope, UUID userId, byte[] hash) {
        return jdbc.sql("UPDATE recovery_code SET used_at = now() WHERE user_id = :u AND code_hash = :h"
                                + " AND used_at IS NULL AND " + scope.where("organization_id"))
                        .params(scope.parameters())
                        .param("u", userId)
                        .param("h", hash)
                        .update()
                == 1;
    }

    int unusedRecoveryCodes(TenantScope scope, UUID userId) {
        return jdbc.sql("SELECT count(*) FROM recovery_code WHERE user_id = :u AND used_at IS NULL AND "
                        + scope.where("organization_id"))
                .params(scope.parameters())
                .param("u", userId)
                .query(Integer.class)
                .single();
    }

    @Unscoped("passkeys of a user already loaded in the caller's scope (Spring Security's tables know no organisation)")
    List<Passkey> passkeys(UUID userId) {
        return jdbc.sql("""
                        SELECT c.credential_id, c.label, c.created, c.last_used FROM user_credentials c
                        JOIN user_entities e ON e.id = c.user_entity_user_id
                        WHERE e.name = :name ORDER BY c.created, c.label""")
                .param("name", userId.toString())
                .query((rs, n) -> new Passkey(
                        rs.getString("credential_id"),
                        rs.getString("label"),
                        instant(rs.getTimestamp("created")),
                        instant(rs.getTimestamp("last_used"))))
                .list();
    }

    @Unscoped("a passkey of a user already loaded in the caller's scope, by its id and that user's")
    boolean renamePasskey(UUID userId, String credentialId, String label) {
        return jdbc.sql("UPDATE user_credentials SET label = :label WHERE credential_id = :c"
                                + " AND user_entity_user_id IN (SELECT id FROM user_entities WHERE name = :name)")
                        .params(params(userId, credentialId))
                        .param("label", label)
                        .update()
                == 1;
    }

    @Unscoped("a passkey of a user already loaded in the caller's scope, by its id and that user's")
    boolean deletePasskey(UUID userId, String credentialId) {
        return jdbc.sql("DELETE FROM user_credentials WHERE credential_id = :c"
                                + " AND user_entity_user_id IN (SELECT id FROM user_entities WHERE name = :name)")
                        .params(params(userId, credentialId))
                        .update()
                == 1;
    }

    @Unscoped("every passkey of a user already loaded in the caller's scope")
    int deletePasskeys(UUID userId) {
        return jdbc.sql("DELETE FROM user_entities WHERE name = :name")
                .param("name", userId.toString())
                .update();
    }

    boolean required(TenantScope scope, UUID organizationId) {
        scope.requireIncludes(organizationId, "organization");
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM second_factor_policy WHERE organization_id = :org AND required)")
                .param("org", organizationId)
                .query(Boolean.class)
                .single();
    }

    void setRequired(TenantScope scope, UUID organizationId, boolean required) {
        scope.requireIncludes(organizationId, "organization");
        jdbc.sql("""
                        INSERT INTO second_factor_policy (organization_id, required) VALUES (:org, :r)
                        ON CONFLICT (organization_id) DO UPDATE SET required = :r, changed_at = now()""").param("org", organizationId).param("r", required).update();
    }

    private static Map<String, Object> params(UUID userId, String credentialId) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", userId.toString());
        p.put("c", credentialId);
        return p;
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
