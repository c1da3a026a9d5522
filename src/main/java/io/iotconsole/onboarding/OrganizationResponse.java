package io.iotconsole.onboarding;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.iotconsole.organization.Organization;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An organisation in the Management API: its own fields, and its Owner. */
record OrganizationResponse(
        @JsonUnwrapped Organization organization, @Nullable Owner owner, long simCount) {

    record Owner(UUID id, String name, @Nullable String email, String status) {}

    static OrganizationResponse of(OrganizationSummary s) {
        Owner owner = s.owner() == null
                ? null
                : new Owner(
                        s.owner().id(),
                        s.owner().name(),
                        s.owner().email(),
                        s.owner().status().name());
        return new OrganizationResponse(s.organization(), owner, s.simCount());
    }
}
