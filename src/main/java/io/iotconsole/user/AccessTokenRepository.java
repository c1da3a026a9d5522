package io.iotconsole.user;

import io.iotconsole.security.Unscoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccessTokenRepository {
    private final JdbcClient jdbc;

    AccessTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Unscoped("a bearer token for a user who has just proven their credentials")
    void insert(
            byte[] hash,
            UUID userId,
            @Nullable UUID organizationId,
            int credentialsVersion,
            Instant expiresAt,
            String[] scopes) {
        jdbc.sql("""
                        INSERT INTO access_token (token_hash, user_id, organization_id, credentials_version, expires_at,
                            scopes)
                        VALUES (:hash, :user, :org, :v, :expires, :scopes)""")
                .param("scopes", scopes)
                .param("hash", hash)
                .param("user", userId)
                .param("org", organizationId)
                .param("v", credentialsVersion)
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    /** A token's user with the token's scopes (null: issued before scopes, every scope of the role). */
    record Holder(UserRepository.Credentials credentials, java.util.@Nullable List<String> scopes) {}

    /** The token's user, only while the token is unexpired and the user active with unchanged credentials. */
    @Unscoped("a bearer token, found by its secret's hash on every API request")
    Optional<Holder> findUser(byte[] hash) {
        return jdbc.sql("""
                        SELECT u.id, u.organization_id, u.role, u.first_name, u.last_name, u.email, u.client_id,
                            u.country_code, u.mobile_number, u.description, u.dashboards, u.status, u.created_at,
                            u.last_sign_in_at, u.credentials_version, t.scopes
                        FROM access_token t JOIN app_user u ON u.id = t.user_id
                        WHERE t.token_hash = :hash AND t.expires_at > now() AND u.status = 'ACTIVE'
                          AND u.credentials_version = t.credentials_version""")
                .param("hash", hash)
                .query((rs, n) -> {
                    java.sql.Array scopes = rs.getArray("scopes");
                    return new Holder(
                            new UserRepository.Credentials(
                                    UserRepository.map(rs, n), null, rs.getInt("credentials_version")),
                            scopes == null ? null : java.util.List.of((String[]) scopes.getArray()));
                })
                .optional();
    }

    /** RFC 7009: ends a token, if it is one of this client's; answers whether it was. */
    @Unscoped("a bearer token presented by the client it was issued to")
    boolean delete(byte[] hash, UUID userId) {
        return jdbc.sql("DELETE FROM access_token WHERE token_hash = :hash AND user_id = :user")
                        .param("hash", hash)
                        .param("user", userId)
                        .update()
                > 0;
    }

    @Unscoped("ends a user's tokens when their credentials change")
    int deleteAllOf(UUID userId) {
        return jdbc.sql("DELETE FROM access_token WHERE user_id = :user")
                .param("user", userId)
                .update();
    }

    @Unscoped("housekeeping across the installation")
    int deleteExpired() {
        return jdbc.sql("DELETE FROM access_token WHERE expires_at < now()").update();
    }

    /** A live token as its owner sees it: a fingerprint (the start of its hash; the token itself is never kept). */
    record TokenRow(String id, Instant issued, Instant expires) {}

    @Unscoped("the tokens of a user the use case loaded in scope")
    List<TokenRow> liveOf(UUID userId) {
        return jdbc.sql("""
                        SELECT encode(substring(token_hash FROM 1 FOR 8), 'hex') AS id, created_at, expires_at
                        FROM access_token WHERE user_id = :user AND expires_at > now()
                        ORDER BY created_at DESC""")
                .param("user", userId)
                .query((rs, n) -> new TokenRow(
                        rs.getString("id"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    @Unscoped("one token of a user the use case loaded in scope, named by its fingerprint")
    int deleteOne(UUID userId, String id) {
        return jdbc.sql("""
                        DELETE FROM access_token
                        WHERE user_id = :user AND substring(token_hash FROM 1 FOR 8) = decode(:id, 'hex')""").param("user", userId).param("id", id).update();
    }
}
