package io.iotconsole.user;

import io.iotconsole.shared.Text;
import io.iotconsole.shared.TextFields;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The edit form and {@code PATCH /api/v1/users/{id}}: a null field is left as it is. */
public record UserChanges(
        @Text(max = 100) @Nullable String firstName,
        @Text(max = 100) @Nullable String lastName,
        @Text(max = 254) @Nullable String email,
        @Text(max = 16) @Nullable String role,
        @Text(max = 5) @Nullable String countryCode,
        @Text(max = 30) @Nullable String mobileNumber,
        @Text(max = 500, lines = true) @Nullable String description,
        @Text(max = 20) @Nullable Set<String> dashboards,
        @Text(max = 128) @Nullable String clientSecret,
        @Nullable Set<UUID> groupIds)
        implements TextFields.CheckedByUseCase {}
