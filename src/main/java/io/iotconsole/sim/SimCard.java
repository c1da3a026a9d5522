package io.iotconsole.sim;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record SimCard(
        UUID organizationId,
        String iccid,
        String imsi,
        String msisdn,
        @Nullable String imei,
        boolean imeiLock,
        @Nullable String label,
        SimState state,
        @Nullable Integer monthlyLimitMb,
        @Nullable Integer autoTopUpMb,
        long dataUsedMb,
        @Nullable UUID groupId,
        Instant createdAt) {}
