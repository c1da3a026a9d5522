package io.iotconsole.user;

import io.iotconsole.security.Role;
import io.iotconsole.security.TenantScope;
import io.iotconsole.security.Unscoped;
import io.iotconsole.shared.SortColumns;
import io.iotconsole.shared.WriteBatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {
    /** Any constant every instance agrees on: the key of the lock held while the operator is created. */
    private static final long OPERATOR_BOOTSTRAP_LOCK = 0x10c0_d0e5_0002L;

    private static final String COLUMNS = "id, organization_id, role, first_name, last_name, email, client_id, "
            + "country_code, mobile_number, description, dashboards, status, created_at, last_sign_in_at";
    private final JdbcClient jdbc;
    private final WriteBatch writes;

    UserRepository(JdbcClient jdbc, WriteBatch writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    record Credentials(User user, @Nullable String passwordHash, int credentialsVersion) {}

    /** Sent at once, or with the follow-up writes of the enclosing {@link WriteBatch#together} scope. */
    @Unscoped("a new user in the organisation AccessPolicy.scope named")
    void insert(User u, @Nullable String passwordHash) {
        Map<String, @Nullable Object> p = new HashMap<>();
        p.put("id", u.id());
        p.put("org", u.organizationId());
        p.put("role", u.role().name());
        p.put("first", u.firstName());
        p.put("last", u.lastName());
        p.put("email", u.email());
        p.put("clientId", u.clientId());
        p.put("cc", u.countryCode());
        p.put("mobile", u.mobileNumber());
        p.put("description", u.description());
        p.put("dashboards", joinDashboards(u.dashboards()));
        p.put("status", u.status().name());
        p.put("hash", passwordHash);
        writes.update("""
                        INSERT INTO app_user (id, organization_id, role, first_name, last_name, email, client_id,
                            country_code, mobile_number, description, dashboards, status, password_hash)
                        VALUES (:id, :org, :role, :first, :last, :email, :clientId, :cc, :mobile, :description,
                            :dashboards, :status, :hash)""", p);
    }

    @Unscoped("a user the use case loaded in the caller's scope")
    void update(User u) {
        jdbc.sql("""
                        UPDATE app_user SET role = :role, first_name = :first, last_name = :last, email = :email,
                            country_code = :cc, mobile_number = :mobile, description = :description, dashboards = :dashboards
                        WHERE id = :id""")
                .param("id", u.id())
                .param("role", u.role().name())
                .param("first", u.firstName())
                .param("last", u.lastName())
                .param("email", u.email())
                .param("cc", u.countryCode())
                .param("mobile", u.mobileNumber())
                .param("description", u.description())
                .param("dashboards", joinDashboards(u.dashboards()))
                .update();
    }

    /** A user in scope; the operator's own row has no organisation and is found only in the operator's scope. */
    Optional<User> find(TenantScope scope, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = :id AND " + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    @Unscoped("a passkey names its user by id before anyone is signed in: a refused passkey sign-in's audit entry")
    Optional<User> findForSignIn(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = :id")
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    @Unscoped("e-mail addresses are unique in the installation: sign-in and password reset")
    Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE lower(email) = lower(:email)")
                .param("email", email)
                .query(UserRepository::map)
                .optional();
    }

    /** By e-mail (any case) or, for API users, by client id. */
    @Unscoped("sign-in: e-mail and client id are unique in the installation")
    Optional<Credentials> findCredentials(String login) {
        return jdbc.sql("SELECT " + COLUMNS + ", password_hash, credentials_version FROM app_user "
                        + "WHERE lower(email) = lower(:login) OR client_id = :login")
                .param("login", login)
                .query((rs, n) ->
                        new Credentials(map(rs, n), rs.getString("password_hash"), rs.getInt("credentials_version")))
                .optional();
    }

    @Unscoped("sign-in: e-mail and client id are unique in the installation")
    Optional<Credentials> findCredentials(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + ", password_hash, credentials_version FROM app_user WHERE id = :id")
                .param("id", id)
                .query((rs, n) ->
                        new Credentials(map(rs, n), rs.getString("password_hash"), rs.getInt("credentials_version")))
                .optional();
    }

    @Unscoped("e-mail addresses are unique in the installation")
    boolean emailTaken(String email, @Nullable UUID exceptId) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE lower(email) = lower(:email) AND id IS DISTINCT FROM :id")
                        .param("email", email)
                        .param("id", exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Unscoped("client ids are unique in the installation")
    boolean clientIdTaken(String clientId) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE client_id = :c")
                        .param("c", clientId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long count(TenantScope scope, String like) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE organization_id IS NOT NULL AND "
                        + scope.where("organization_id") + searchClause(like))
                .params(scope.parameters())
                .param("q", like)
                .query(Long.class)
                .single();
    }

    /** Roles in the order the Roles page lists them, Owner first, for sorting by role. */
    private static final String ROLE_RANK = java.util.Arrays.stream(Role.values())
            .map(r -> " WHEN '" + r.name() + "' THEN " + r.ordinal())
            .collect(java.util.stream.Collectors.joining("", "CASE role", " END"));

    /**
     * The Users table's columns. An organisation has tens or hundreds of users, so each order is a cheap sort of
     * its rows (found by {@code app_user_organization_ix}). A user who never signed in counts as the longest ago.
     * No commas inside an expression: {@link SortColumns} reads a comma as the next column of the order.
     */
    static final SortColumns SORTS = SortColumns.of(
            "name",
            "id",
            "name",
            "lower(last_name), lower(first_name)",
            "email",
            "lower(CASE WHEN email IS NULL THEN client_id ELSE email END)",
            "role",
            ROLE_RANK,
            "description",
            "lower(description)",
            "status",
            "status",
            "lastSignIn",
            "CASE WHEN last_sign_in_at IS NULL THEN CAST('-infinity' AS timestamptz) ELSE last_sign_in_at END");

    List<User> search(TenantScope scope, String like, SortColumns.Sort sort, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE organization_id IS NOT NULL AND "
                        + scope.where("organization_id") + searchClause(like)
                        + " ORDER BY " + sort.orderBy() + " LIMIT :limit OFFSET :offset")
                .params(scope.parameters())
                .param("q", like)
                .param("limit", limit)
                .param("offset", offset)
                .query(UserRepository::map)
                .list();
    }

    private static String searchClause(String like) {
        return like.isEmpty()
                ? ""
                : " AND (first_name ILIKE :q OR last_name ILIKE :q OR (first_name || ' ' || last_name) ILIKE :q"
                        + " OR email ILIKE :q OR client_id ILIKE :q OR description ILIKE :q)";
    }

    /** A new status that also ends every session and token issued so far. */
    @Unscoped("a user the use case loaded in the caller's scope")
    void changeStatusAndRevoke(UUID id, UserStatus status) {
        jdbc.sql("UPDATE app_user SET status = :status, credentials_version = credentials_version + 1 WHERE id = :id")
                .param("id", id)
                .param("status", status.name())
                .update();
    }

    /**
     * A new password, which makes the user ACTIVE and ends every session and token issued so far; every activation
     * and reset link issued before it stops working, whichever way the password was set.
     */
    @Unscoped("a user the use case loaded in the caller's scope, or a link's user")
    void setPassword(UUID id, String hash) {
        jdbc.sql("""
                        WITH voided AS (DELETE FROM user_link_token WHERE user_id = :id AND used_at IS NULL)
                        UPDATE app_user SET password_hash = :hash,
                            activated_at = CASE WHEN status = 'ACTIVE' THEN activated_at ELSE now() END,
                            status = 'ACTIVE', credentials_version = credentials_version + 1 WHERE id = :id""").param("id", id).param("hash", hash).update();
    }

    /**
     * An API user's new secret, its tokens left valid (the previous secret keeps working in its grace); answers the
     * replaced hash.
     */
    @Unscoped("a user the use case loaded in the caller's scope")
    @Nullable
    String replaceSecret(UUID id, String hash) {
        return jdbc.sql("""
                        UPDATE app_user u SET password_hash = :hash
                        FROM (SELECT id, password_hash FROM app_user WHERE id = :id FOR UPDATE) old
                        WHERE u.id = old.id RETURNING old.password_hash""")
                .param("id", id)
                .param("hash", hash)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** Used on sign-in when the stored hash is of an older setting; sessions stay valid. */
    @Unscoped("sign-in: the signed-in user's own hash")
    void upgradeHash(UUID id, String hash) {
        jdbc.sql("UPDATE app_user SET password_hash = :hash WHERE id = :id")
                .param("id", id)
                .param("hash", hash)
                .update();
    }

    @Unscoped("sign-in: the signed-in user's own row")
    void recordSignIn(UUID id, Instant at) {
        jdbc.sql("UPDATE app_user SET last_sign_in_at = :at WHERE id = :id")
                .param("id", id)
                .param("at", at.atOffset(java.time.ZoneOffset.UTC))
                .update();
    }

    @Unscoped("a user the use case loaded in the caller's scope")
    void delete(UUID id) {
        jdbc.sql("DELETE FROM app_user WHERE id = :id").param("id", id).update();
    }

    /** For the per-request session check: the user, if active with this credentials version. */
    @Unscoped("every request re-checks its own session's user")
    Optional<Credentials> findActive(UUID id, int credentialsVersion) {
        return jdbc.sql("SELECT " + COLUMNS + ", NULL AS password_hash, credentials_version FROM app_user "
                        + "WHERE id = :id AND status = 'ACTIVE' AND credentials_version = :v")
                .param("id", id)
                .param("v", credentialsVersion)
                .query((rs, n) -> new Credentials(map(rs, n), null, rs.getInt("credentials_version")))
                .optional();
    }

    @Unscoped("the Owner's name in the organisation lists the caller may see")
    Optional<UUID> owner(UUID organizationId) {
        return jdbc.sql(
                        "SELECT id FROM app_user WHERE organization_id = :org AND role = 'OWNER' ORDER BY created_at LIMIT 1")
                .param("org", organizationId)
                .query(UUID.class)
                .optional();
    }

    @Unscoped("deleting a sub-organisation, checked with organisation.delete")
    List<UUID> idsOf(UUID organizationId) {
        return jdbc.sql("SELECT id FROM app_user WHERE organization_id = :org")
                .param("org", organizationId)
                .query(UUID.class)
                .list();
    }

    @Unscoped("deleting a sub-organisation, checked with organisation.delete")
    void deleteAllOf(UUID organizationId) {
        jdbc.sql("DELETE FROM app_user WHERE organization_id = :org")
                .param("org", organizationId)
                .update();
    }

    /**
     * Whether the operator exists, asked after taking a lock held to the end of the transaction: instances starting
     * together on an empty database take turns, and only the first creates the operator.
     */
    @Unscoped("creating the platform operator on first start")
    boolean operatorExistsLocked() {
        jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) l")
                .param("key", OPERATOR_BOOTSTRAP_LOCK)
                .query(Integer.class)
                .single();
        return jdbc.sql("SELECT count(*) FROM app_user WHERE role = 'OPERATOR'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    static String joinDashboards(Set<Dashboard> dashboards) {
        return dashboards.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    static User map(ResultSet rs, int row) throws SQLException {
        String dashboards = rs.getString("dashboards");
        Set<Dashboard> parsed = EnumSet.noneOf(Dashboard.class);
        if (dashboards != null && !dashboards.isEmpty()) {
            Arrays.stream(dashboards.split(",")).map(Dashboard::valueOf).forEach(parsed::add);
        }
        Timestamp lastSignIn = rs.getTimestamp("last_sign_in_at");
        return new User(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                Role.valueOf(rs.getString("role")),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("email"),
                rs.getString("client_id"),
                rs.getString("country_code"),
                rs.getString("mobile_number"),
                rs.getString("description"),
                parsed,
                UserStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(),
                lastSignIn == null ? null : lastSignIn.toInstant());
    }
}
