package io.iotconsole.user;

import io.iotconsole.shared.Text;
import io.iotconsole.shared.TextFields;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The create form and {@code POST /api/v1/users}. For an API user, {@code clientIdSuffix} and {@code clientSecret}
 * replace the e-mail; the names are optional there, {@code scopes} (default: every scope an API user may hold) and
 * {@code expiresAt} (a date or an instant; default: never) are for API users only.
 */
public record NewUser(
        @Text(max = 100) @Nullable String firstName,
        @Text(max = 100) @Nullable String lastName,
        @Text(max = 254) @Nullable String email,
        @Text(max = 16) @Nullable String role,
        @Text(max = 5) @Nullable String countryCode,
        @Text(max = 30) @Nullable String mobileNumber,
        @Text(max = 500, lines = true) @Nullable String description,
        @Nullable UUID organizationId,
        @Text(max = 20) @Nullable Set<String> dashboards,
        @Text(max = 40) @Nullable String clientIdSuffix,
        @Text(max = 128) @Nullable String clientSecret,
        @Nullable Set<UUID> groupIds,
        @Text(max = 20) @Nullable Set<String> scopes,
        @Text(max = 40) @Nullable String expiresAt)
        implements TextFields.CheckedByUseCase {}
