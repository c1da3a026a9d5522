package io.iotconsole.customer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record Customer(
        UUID id,
        UUID organizationId,
        String firstName,
        String lastName,
        String email,
        @Nullable String countryCode,
        @Nullable String phone,
        CustomerStatus status,
        boolean hasPassword,
        @JsonIgnore int credentialsVersion,
        Instant createdAt) {

    @JsonIgnore
    public String name() {
        return firstName + " " + lastName;
    }

    @JsonIgnore
    public String auditLabel() {
        return name() + " <" + email + ">";
    }
}
