package io.iotconsole.security;

import io.iotconsole.shared.ForbiddenException;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The one permission policy, in Keycloak's pairs: {@code canX} to decide what the console offers, {@code requireX}
 * to enforce it in the facades (403 when the role may not, 404 when the object is outside the caller's scope).
 * Templates reach it as {@code @access}.
 */
@Component("access")
public class AccessPolicy {

    public boolean can(Permission permission) {
        return CurrentUser.find().map(u -> u.holds(permission)).orElse(false);
    }

    /** For templates: {@code @access.can('user.view')}. */
    public boolean can(String permissionCode) {
        return can(Permission.byCode(permissionCode));
    }

    public ConsoleUser require(Permission permission) {
        ConsoleUser user = CurrentUser.get();
        if (!permission.grantFor(user.role()).allows()) {
            throw new ForbiddenException(permission.refusal(user.role()));
        }
        if (!user.inScope(permission)) {
            throw InsufficientScopeException.needing(ApiScope.covering(permission));
        }
        return user;
    }

    /**
     * The tenant scope of a request for a permission (403 without it): the caller's organisation, narrowed for a
     * Group user to their groups where the permission says {@code G}; every organisation for the operator. Every
     * repository method on an organisation's data takes it.
     */
    public TenantScope scope(Permission permission) {
        ConsoleUser user = require(permission);
        if (user.isOperator()) {
            return TenantScope.everyOrganization();
        }
        boolean groupsOnly = permission.grantFor(user.role()) == Grant.GROUP;
        return TenantScope.of(Objects.requireNonNull(user.organizationId()), groupsOnly ? user.id() : null);
    }

    /** {@link #scope(Permission)} narrowed to a requested organisation (404 for another's; the operator names any). */
    public TenantScope scope(Permission permission, @Nullable UUID organizationId) {
        return scope(permission).narrowedTo(organizationId);
    }

    /**
     * The scope of what every signed-in user may do to their own account (their profile, their sign-in), without a
     * permission of the table: their organisation, or every organisation for the operator.
     */
    public TenantScope ownScope() {
        ConsoleUser user = CurrentUser.get();
        return user.isOperator()
                ? TenantScope.everyOrganization()
                : TenantScope.of(Objects.requireNonNull(user.organizationId()), null);
    }

    /** Whether the caller is the platform operator: for what the console shows only the operator (templates too). */
    public boolean isOperator() {
        return CurrentUser.find().map(ConsoleUser::isOperator).orElse(false);
    }

    /** The platform operator's own duties (stock import, fulfilling and cancelling orders, the Mailbox): 403 else. */
    public ConsoleUser requireOperator(String duty) {
        ConsoleUser user = CurrentUser.get();
        if (!user.isOperator()) {
            throw new ForbiddenException("Only the platform operator may " + duty);
        }
        return user;
    }

    /** The signed-in caller's role, for display (the API's {@code /me}, the profile page); decisions use the policy. */
    public Role callerRole() {
        return CurrentUser.get().role();
    }

    /**
     * Whether the caller may create a user of this role. Owners are created by Owners (and the operator);
     * every other role by whoever holds its {@code user.manage.*} permission.
     */
    public boolean canCreateUser(Role role) {
        return role != Role.OPERATOR && can(Permission.toManage(role));
    }

    /** Whether the caller may edit, deactivate, re-invite or delete an existing user of this role. */
    public boolean canAdminister(Role role) {
        if (role == Role.OPERATOR) {
            return false;
        }
        if (role == Role.OWNER) {
            return CurrentUser.find().map(ConsoleUser::isOperator).orElse(false);
        }
        return can(Permission.toManage(role));
    }

    public void requireCreateUser(Role role) {
        if (!canCreateUser(role)) {
            throw new ForbiddenException("Your role may not create " + role.label() + " users");
        }
    }

    public void requireAdminister(Role role) {
        if (!canAdminister(role)) {
            throw new ForbiddenException(
                    role == Role.OWNER
                            ? "Only the platform operator may change an Owner"
                            : "Your role may not change " + role.label() + " users");
        }
    }
}
