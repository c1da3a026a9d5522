package io.iotconsole.user;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.Text;
import io.iotconsole.shared.TextFields;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An API user's credential through the Management API: scopes, expiry, last use, and secret rotation. */
@RestController
@RequestMapping("/api/v1/users/{id}/credential")
class ApiCredentialController {
    private final ApiCredentials credentials;

    ApiCredentialController(ApiCredentials credentials) {
        this.credentials = credentials;
    }

    record CredentialChanges(
            @Text(max = 20) @Nullable Set<String> scopes,
            @Text(max = 40) @Nullable String expiresAt) implements TextFields.CheckedByUseCase {}

    record RotationRequest(@Nullable Long graceHours) {}

    @Allow(Permission.USER_VIEW)
    @Operation(
            summary = "An API user's credential",
            description = "Its scopes, expiry, the end of the previous secret's grace after a rotation, and when and "
                    + "from which address it last got a token. 404 for a user who is no API user.")
    @GetMapping
    ApiCredentials.Credential getApiCredential(@PathVariable UUID id) {
        return credentials.get(id);
    }

    @Allow(Permission.USER_MANAGE_API_USER)
    @Operation(
            summary = "Change an API user's scopes or expiry",
            description = "`scopes`: the scopes its tokens may carry, among those an API user may hold. `expiresAt`: a "
                    + "date (2027-01-31, from that day's start, UTC) or an instant after which the token endpoint "
                    + "refuses the credential with invalid_client; an empty string removes it. A change ends the "
                    + "tokens issued before it.")
    @PatchMapping
    ApiCredentials.Credential updateApiCredential(@PathVariable UUID id, @RequestBody CredentialChanges body) {
        return credentials.update(id, body.scopes(), body.expiresAt());
    }

    @Allow(Permission.USER_MANAGE_API_USER)
    @Operation(
            summary = "Rotate an API user's secret",
            description = "Generates a new secret, answered this once. The previous secret keeps working for "
                    + "`graceHours` (0 to 168, default 24); with 0 it and the tokens issued before stop at once.")
    @PostMapping("/rotate")
    ApiCredentials.Rotation rotateApiCredentialSecret(
            @PathVariable UUID id, @RequestBody(required = false) @Nullable RotationRequest body) {
        Long hours = body == null ? null : body.graceHours();
        if (hours != null && (hours < 0 || hours > ApiCredentials.MAX_GRACE.toHours())) {
            throw InvalidInputException.of(
                    "graceHours", "Must be from 0 to " + ApiCredentials.MAX_GRACE.toHours() + " hours");
        }
        return credentials.rotate(id, hours == null ? null : Duration.ofHours(hours));
    }
}
