package io.iotconsole.user;

import io.iotconsole.security.Role;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user in the Management API: {@link User}, a Group user's SIM groups ({@code groupIds}, empty otherwise) and, in
 * a single API user's answer, its credential.
 */
record UserResponse(
        UUID id,
        @Nullable UUID organizationId,
        Role role,
        String firstName,
        String lastName,
        @Nullable String email,
        @Nullable String clientId,
        @Nullable String countryCode,
        @Nullable String mobileNumber,
        @Nullable String description,
        Set<Dashboard> dashboards,
        UserStatus status,
        Instant createdAt,
        @Nullable Instant lastSignInAt,
        List<UUID> groupIds,

        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        ApiCredentials.@Nullable Credential credential) {

    static UserResponse of(User u, Set<UUID> groupIds) {
        return of(u, groupIds, null);
    }

    /** With an API user's credential (scopes, expiry, last use), as a single user's answer gives it. */
    static UserResponse of(User u, Set<UUID> groupIds, ApiCredentials.@Nullable Credential credential) {
        return new UserResponse(
                u.id(),
                u.organizationId(),
                u.role(),
                u.firstName(),
                u.lastName(),
                u.email(),
                u.clientId(),
                u.countryCode(),
                u.mobileNumber(),
                u.description(),
                u.dashboards(),
                u.status(),
                u.createdAt(),
                u.lastSignInAt(),
                groupIds.stream().sorted().toList(),
                credential);
    }
}
