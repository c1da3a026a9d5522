package io.iotconsole.user;

import io.iotconsole.security.TenantScope;
import io.iotconsole.security.Unscoped;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_credential} row of each API user that has one (none yet: every scope, no expiry, never used). */
@Repository
class ApiCredentialRepository {
    private static final String COLUMNS = "c.user_id, c.scopes, c.expires_at, c.previous_secret_hash, "
            + "c.previous_secret_valid_until, c.last_used_at, c.last_used_address";
    private final JdbcClient jdbc;

    ApiCredentialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A credential as stored; {@code scopes} null means every scope the role holds. */
    record Row(
            UUID userId,
            @Nullable List<String> scopes,
            @Nullable Instant expiresAt,
            @Nullable String previousSecretHash,
            @Nullable Instant previousSecretValidUntil,
            @Nullable Instant lastUsedAt,
            @Nullable String lastUsedAddress) {
        static Row none(UUID userId) {
            return new Row(userId, null, null, null, null, null, null);
        }
    }

    Optional<Row> find(TenantScope scope, UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_credential c WHERE c.user_id = :id AND "
                        + scope.where("c.organization_id"))
                .params(scope.parameters())
                .param("id", userId)
                .query(ApiCredentialRepository::map)
                .optional();
    }

    /** The rows of a page of users, by user id. */
    Map<UUID, Row> findAll(TenantScope scope, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("SELECT " + COLUMNS + " FROM api_credential c WHERE c.user_id IN (:ids) AND "
                        + scope.where("c.organization_id"))
                .params(scope.parameters())
                .param("ids", userIds)
                .query(ApiCredentialRepository::map)
                .list()
                .stream()
                .collect(Collectors.toMap(Row::userId, r -> r));
    }

    @Unscoped("the token endpoint: the credential of a client that has just proven its secret")
    Optional<Row> findOf(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_credential c WHERE c.user_id = :id")
                .param("id", userId)
                .query(ApiCredentialRepository::map)
                .optional();
    }

    /** The previous secret of an active API user, by client id, while its grace has not ended. */
    @Unscoped("the token endpoint: a client id is unique in the installation")
    Optional<UserRepository.Credentials> findPrevious(String clientId, Instant now) {
        return jdbc.sql("""
                        SELECT u.id, u.organization_id, u.role, u.first_name, u.last_name, u.email, u.client_id,
                            u.country_code, u.mobile_number, u.description, u.dashboards, u.status, u.created_at,
                            u.last_sign_in_at, u.credentials_version, c.previous_secret_hash
                        FROM app_user u JOIN api_credential c ON c.user_id = u.id
                        WHERE u.client_id = :client AND u.status = 'ACTIVE' AND u.role = 'API_USER'
                          AND c.previous_secret_hash IS NOT NULL AND c.previous_secret_valid_until > :now""")
                .param("client", clientId)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new UserRepository.Credentials(
                        UserRepository.map(rs, n),
                        rs.getString("previous_secret_hash"),
                        rs.getInt("credentials_version")))
                .optional();
    }

    @Unscoped("a user the use case loaded in the caller's scope")
    void saveSettings(UUID userId, UUID organizationId, @Nullable List<String> scopes, @Nullable Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO api_credential (user_id, organization_id, scopes, expires_at)
                        VALUES (:id, :org, :scopes, :expires)
                        ON CONFLICT (user_id) DO UPDATE SET scopes = excluded.scopes, expires_at = excluded.expires_at""")
                .param("id", userId)
                .param("org", organizationId)
                .param("scopes", scopes == null ? null : scopes.toArray(String[]::new))
                .param("expires", expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
    }

    /** Keeps the replaced secret's hash until the grace ends; the new hash goes into the user's own row. */
    @Unscoped("a user the use case loaded in the caller's scope")
    void keepPrevious(UUID userId, UUID organizationId, @Nullable String previousHash, Instant validUntil) {
        jdbc.sql("""
                        INSERT INTO api_credential (user_id, organization_id, previous_secret_hash,
                            previous_secret_valid_until)
                        VALUES (:id, :org, :hash, :until)
                        ON CONFLICT (user_id) DO UPDATE SET previous_secret_hash = excluded.previous_secret_hash,
                            previous_secret_valid_until = excluded.previous_secret_valid_until""")
                .param("id", userId)
                .param("org", organizationId)
                .param("hash", previousHash)
                .param("until", Timestamp.from(validUntil))
                .update();
    }

    /** A secret set by hand replaces every earlier one at once, including one still in its grace. */
    @Unscoped("a user the use case loaded in the caller's scope")
    void forgetPrevious(UUID userId) {
        jdbc.sql("""
                        UPDATE api_credential SET previous_secret_hash = NULL, previous_secret_valid_until = NULL
                        WHERE user_id = :id""").param("id", userId).update();
    }

    @Unscoped("the token endpoint: the client that has just proven its secret")
    void recordUse(UUID userId, UUID organizationId, Instant at, @Nullable String address) {
        jdbc.sql("""
                        INSERT INTO api_credential (user_id, organization_id, last_used_at, last_used_address)
                        VALUES (:id, :org, :at, :address)
                        ON CONFLICT (user_id) DO UPDATE SET last_used_at = excluded.last_used_at,
                            last_used_address = excluded.last_used_address""")
                .param("id", userId)
                .param("org", organizationId)
                .param("at", Timestamp.from(at))
                .param("address", address)
                .update();
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        Array scopes = rs.getArray("scopes");
        return new Row(
                rs.getObject("user_id", UUID.class),
                scopes == null ? null : List.of((String[]) scopes.getArray()),
                instant(rs.getTimestamp("expires_at")),
                rs.getString("previous_secret_hash"),
                instant(rs.getTimestamp("previous_secret_valid_until")),
                instant(rs.getTimestamp("last_used_at")),
                rs.getString("last_used_address"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
