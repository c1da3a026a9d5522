package io.iotconsole.user;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The create form and {@code POST /api/v1/users}. For an API user, {@code clientIdSuffix} and {@code clientSecret}
 * replace the e-mail; the names are optional there.
 */
public record NewUser(
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String email,
        @Nullable String role,
        @Nullable String countryCode,
        @Nullable String mobileNumber,
        @Nullable String description,
        @Nullable UUID organizationId,
        @Nullable Set<String> dashboards,
        @Nullable String clientIdSuffix,
        @Nullable String clientSecret,
        @Nullable Set<UUID> groupIds) {}
