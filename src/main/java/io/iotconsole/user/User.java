package io.iotconsole.user;

import io.iotconsole.security.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A user as the console and the API show it; never carries the password hash. */
public record User(
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

    public String name() {
        return (firstName + " " + lastName).strip();
    }

    /** E-mail, or client id for an API user: what the user signs in with. */
    public String login() {
        return email != null ? email : String.valueOf(clientId);
    }

    public String auditLabel() {
        return name() + " <" + login() + ">";
    }
}
