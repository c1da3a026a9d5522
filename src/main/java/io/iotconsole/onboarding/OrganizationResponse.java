package io.iotconsole.onboarding;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.OrganizationStatus;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

record OrganizationResponse(
        UUID id,
        String accountNumber,
        String name,
        @Nullable String legalName,
        @Nullable String address,
        @Nullable String billingAddress,
        @Nullable String shippingAddress,
        OrganizationStatus status,
        @Nullable UUID parentId,
        Instant createdAt,
        @Nullable Owner owner) {

    record Owner(UUID id, String name, @Nullable String email, String status) {}

    static OrganizationResponse of(OrganizationSummary s) {
        Organization o = s.organization();
        Owner owner = s.owner() == null
                ? null
                : new Owner(
                        s.owner().id(),
                        s.owner().name(),
                        s.owner().email(),
                        s.owner().status().name());
        return new OrganizationResponse(
                o.id(),
                o.accountNumber(),
                o.name(),
                o.legalName(),
                o.address(),
                o.billingAddress(),
                o.shippingAddress(),
                o.status(),
                o.parentId(),
                o.createdAt(),
                owner);
    }
}
