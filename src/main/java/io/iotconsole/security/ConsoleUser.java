package io.iotconsole.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * The signed-in user, whether through a console session or a bearer token. The user's id is the principal name,
 * so sessions can be found and ended by user. {@code credentialsVersion} is the user's version when the session or
 * token was issued: any later password change, deactivation or deletion bumps it and ends both.
 */
public final class ConsoleUser
        implements UserDetails, CredentialsContainer, OAuth2AuthenticatedPrincipal, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID id;
    private final @Nullable UUID organizationId;
    private final Role role;
    private final String login;
    private final String displayName;
    private final int credentialsVersion;
    private @Nullable String passwordHash;
    /** The scopes of the bearer token this user called with; null for a console session (no narrowing). */
    private final @Nullable Set<ApiScope> scopes;

    public ConsoleUser(
            UUID id,
            @Nullable UUID organizationId,
            Role role,
            String login,
            String displayName,
            int credentialsVersion,
            @Nullable String passwordHash) {
        this(id, organizationId, role, login, displayName, credentialsVersion, passwordHash, null);
    }

    private ConsoleUser(
            UUID id,
            @Nullable UUID organizationId,
            Role role,
            String login,
            String displayName,
            int credentialsVersion,
            @Nullable String passwordHash,
            @Nullable Set<ApiScope> scopes) {
        if (scopes == null) {
            this.scopes = null;
        } else {
            EnumSet<ApiScope> copy = EnumSet.noneOf(ApiScope.class);
            copy.addAll(scopes);
            this.scopes = Collections.unmodifiableSet(copy);
        }
        this.id = id;
        this.organizationId = organizationId;
        this.role = role;
        this.login = login;
        this.displayName = displayName;
        this.credentialsVersion = credentialsVersion;
        this.passwordHash = passwordHash;
    }

    public UUID id() {
        return id;
    }

    /** The user's organisation; null only for the platform operator. */
    public @Nullable UUID organizationId() {
        return organizationId;
    }

    public Role role() {
        return role;
    }

    /** E-mail address, or client id for an API user. */
    public String login() {
        return login;
    }

    public String displayName() {
        return displayName;
    }

    public int credentialsVersion() {
        return credentialsVersion;
    }

    /** Whether this is an API user: a machine identity whose credential carries its own scopes and expiry. */
    public boolean isApiUser() {
        return role == Role.API_USER;
    }

    /** Every scope the user's role holds: what a token of theirs may carry at most. */
    public java.util.Set<ApiScope> scopesOfRole() {
        return ApiScope.allHeldBy(role);
    }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }

    /**
     * Whether the user's role holds the permission (in their own organisation; the operator holds every one) and, on
     * a bearer token narrowed to scopes, one of the token's scopes covers it.
     */
    public boolean holds(Permission permission) {
        return permission.grantFor(role).allows() && inScope(permission);
    }

    /** Whether the token's scopes cover the permission (always, for a console session). */
    public boolean inScope(Permission permission) {
        return scopes == null || ApiScope.covers(scopes, permission);
    }

    /** The token's scopes; null for a console session. */
    public @Nullable Set<ApiScope> scopes() {
        return scopes;
    }

    /** Whether this is a bearer token narrowed below every scope the role holds. */
    public boolean narrowed() {
        return scopes != null && !scopes.containsAll(ApiScope.allHeldBy(role));
    }

    /** The same user, calling with a bearer token granted these scopes. */
    public ConsoleUser withScopes(Set<ApiScope> granted) {
        return new ConsoleUser(id, organizationId, role, login, displayName, credentialsVersion, passwordHash, granted);
    }

    /** The same signed-in user, their password hash upgraded. */
    public ConsoleUser withPasswordHash(String newHash) {
        return new ConsoleUser(id, organizationId, role, login, displayName, credentialsVersion, newHash, scopes);
    }

    /** "Jane Doe <jane@x.com>", as the audit log names an actor. */
    public String auditLabel() {
        return displayName + " <" + login + ">";
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return id.toString();
    }

    @Override
    public String getName() {
        return id.toString();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of("sub", id.toString(), "role", role.name());
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsoleUser other && other.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "ConsoleUser[" + id + ", " + role + "]";
    }
}
