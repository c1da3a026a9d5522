package io.iotconsole.customer;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record Device(
        UUID customerId,
        @Nullable UUID locationId,
        @Nullable String locationName,
        String name,
        String serialNumber,
        @Nullable String model,
        @Nullable String iccid) {}
