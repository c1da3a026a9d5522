package io.iotconsole.customer;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record Location(
        UUID id, UUID customerId, String name, @Nullable String address) {}
