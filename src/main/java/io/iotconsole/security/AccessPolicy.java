package io.iotconsole.security;

import io.iotconsole.shared.ForbiddenException;
import io.iotconsole.shared.NotFoundException;
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
        return CurrentUser.find()
                .map(u -> permission.grantFor(u.role()).allows())
                .orElse(false);
    }

    /** For templates: {@code @access.can('user.view')}. */
    public boolean can(String permissionCode) {
        return can(Permission.byCode(permissionCode));
    }

    public ConsoleUser require(Permission permission) {
        ConsoleUser user = CurrentUser.get();
        if (!permission.grantFor(user.role()).allows()) {
            throw new ForbiddenException(
                    "Your role may not " + permission.description().toLowerCase());
        }
        return user;
    }

    /** Whether the caller may see objects of this organisation at all. Operators see every organisation. */
    public boolean inScope(@Nullable UUID organizationId) {
        return CurrentUser.find()
                .map(u -> u.isOperator() || Objects.equals(u.organizationId(), organizationId))
                .orElse(false);
    }

    /** Objects of another organisation do not exist for the caller. */
    public void requireInScope(@Nullable UUID organizationId, String what) {
        if (!inScope(organizationId)) {
            throw new NotFoundException(what);
        }
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
