package io.iotconsole.user;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The edit form and {@code PATCH /api/v1/users/{id}}: a null field is left as it is. */
public record UserChanges(
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String email,
        @Nullable String role,
        @Nullable String countryCode,
        @Nullable String mobileNumber,
        @Nullable String description,
        @Nullable Set<String> dashboards,
        @Nullable String clientSecret,
        @Nullable Set<UUID> groupIds) {}
