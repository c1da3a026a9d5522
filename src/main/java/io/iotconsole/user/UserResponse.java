package io.iotconsole.user;

import io.iotconsole.security.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A user in the Management API. */
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
        @Nullable Instant lastSignInAt) {
    static UserResponse of(User u) {
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
                u.lastSignInAt());
    }
}
