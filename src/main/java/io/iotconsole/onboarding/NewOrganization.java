package io.iotconsole.onboarding;

import io.iotconsole.organization.CompanyData;
import org.jspecify.annotations.Nullable;

/** {@code POST /api/v1/organizations} and the console's organisation form. */
public record NewOrganization(
        @Nullable String name,
        @Nullable String legalName,
        @Nullable String address,
        @Nullable String billingAddress,
        @Nullable String shippingAddress,
        @Nullable Owner owner) {

    public record Owner(
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String email) {}

    CompanyData company() {
        return new CompanyData(name, legalName, address, billingAddress, shippingAddress);
    }

    Owner ownerOrEmpty() {
        return owner == null ? new Owner(null, null, null) : owner;
    }
}
