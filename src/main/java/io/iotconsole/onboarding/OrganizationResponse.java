package io.iotconsole.onboarding;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.OrganizationStatus;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An organisation in the Management API: its own fields (a parent sees no company data of its sub-organisations),
 * its Owner and its SIM count. Flat, so that the answer and its schema are the same thing.
 */
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
        @Nullable OrganizationOwner owner,
        long simCount) {

    /** The Owner as the organisation's list shows it. */
    record OrganizationOwner(UUID id, String name, @Nullable String email, String status) {}

    static OrganizationResponse of(OrganizationSummary s) {
        OrganizationOwner owner = s.owner() == null
                ? null
                : new OrganizationOwner(
                        s.owner().id(),
                        s.owner().name(),
                        s.owner().email(),
                        s.owner().status().name());
        Organization o = s.organization();
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
                owner,
                s.simCount());
    }
}
