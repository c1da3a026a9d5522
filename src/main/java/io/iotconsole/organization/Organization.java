package io.iotconsole.organization;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record Organization(
        UUID id,
        String accountNumber,
        String name,
        @Nullable String legalName,
        @Nullable String address,
        @Nullable String billingAddress,
        @Nullable String shippingAddress,
        OrganizationStatus status,
        @Nullable UUID parentId,
        Instant createdAt) {

    /** What a parent sees of its sub-organisation: name, account number, status; not its company data. */
    public Organization withoutCompanyData() {
        return new Organization(id, accountNumber, name, null, null, null, null, status, parentId, createdAt);
    }
}
