package io.iotconsole.onboarding;

import io.iotconsole.organization.CompanyData;
import io.iotconsole.shared.Text;
import io.iotconsole.shared.TextFields;
import org.jspecify.annotations.Nullable;

/** {@code POST /api/v1/organizations} and the console's organisation form. */
public record NewOrganization(
        @Text(max = 200) @Nullable String name,
        @Text(max = 200) @Nullable String legalName,
        @Text(max = 500, lines = true) @Nullable String address,
        @Text(max = 500, lines = true) @Nullable String billingAddress,
        @Text(max = 500, lines = true) @Nullable String shippingAddress,
        @Nullable Owner owner)
        implements TextFields.CheckedByUseCase {

    public record Owner(
            @Text(max = 100) @Nullable String firstName,
            @Text(max = 100) @Nullable String lastName,
            @Text(max = 254) @Nullable String email) {}

    CompanyData company() {
        return new CompanyData(name, legalName, address, billingAddress, shippingAddress);
    }

    Owner ownerOrEmpty() {
        return owner == null ? new Owner(null, null, null) : owner;
    }
}
