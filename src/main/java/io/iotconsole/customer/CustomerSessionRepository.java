package io.iotconsole.customer;

import io.iotconsole.security.Unscoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CustomerSessionRepository {
    private final JdbcClient jdbc;

    CustomerSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Unscoped("a new session of a customer who signed in or was loaded in scope")
    void insert(
            byte[] hash,
            Customer customer,
            CustomerSessions.Kind kind,
            @Nullable UUID assistedBy,
            @Nullable String assistedByLabel,
            @Nullable String reason,
            boolean readOnly,
            Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO customer_session (token_hash, organization_id, customer_id, credentials_version, kind,
                            assisted_by, assisted_by_label, reason, read_only, expires_at)
                        VALUES (:hash, :org, :customer, :version, :kind, :by, :byLabel, :reason, :readOnly, :expires)""")
                .param("hash", hash)
                .param("org", customer.organizationId())
                .param("customer", customer.id())
                .param("version", customer.credentialsVersion())
                .param("kind", kind.name())
                .param("by", assistedBy)
                .param("byLabel", assistedByLabel)
                .param("reason", reason)
                .param("readOnly", readOnly)
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    /** What a token stands for while it is live; an expired token or an old credentials version stand for nothing. */
    record Found(
            Customer customer,
            CustomerSessions.Kind kind,
            @Nullable UUID assistedBy,
            @Nullable String assistedByLabel,
            @Nullable String reason,
            Instant expiresAt,
            boolean readOnly) {}

    @Unscoped("a customer session, found by its secret's hash")
    Optional<Found> find(byte[] hash) {
        return jdbc.sql("""
                        SELECT c.id, c.organization_id, c.first_name, c.last_name, c.email, c.country_code, c.phone,
                            c.status, c.password_hash IS NOT NULL AS has_password, c.credentials_version, c.created_at,
                            s.kind, s.assisted_by, s.assisted_by_label, s.reason, s.expires_at, s.read_only
                        FROM customer_session s JOIN customer c ON c.id = s.customer_id
                        WHERE s.token_hash = :hash AND s.expires_at > now()
                          AND c.credentials_version = s.credentials_version""")
                .param("hash", hash)
                .query((rs, n) -> new Found(
                        CustomerRepository.map(rs, n),
                        CustomerSessions.Kind.valueOf(rs.getString("kind")),
                        rs.getObject("assisted_by", UUID.class),
                        rs.getString("assisted_by_label"),
                        rs.getString("reason"),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getBoolean("read_only")))
                .optional();
    }

    @Unscoped("a customer session, found by its secret's hash")
    void delete(byte[] hash) {
        jdbc.sql("DELETE FROM customer_session WHERE token_hash = :hash")
                .param("hash", hash)
                .update();
    }

    /** Every session and token of the customer but {@code keep} (null: all of them). */
    @Unscoped("the sessions of a customer the use case loaded in scope")
    void deleteAllOf(UUID organizationId, UUID customerId, byte @Nullable [] keep) {
        jdbc.sql("DELETE FROM customer_session WHERE organization_id = :org AND customer_id = :c"
                        + (keep == null ? "" : " AND token_hash <> :keep"))
                .param("org", organizationId)
                .param("c", customerId)
                .param("keep", keep)
                .update();
    }
}
