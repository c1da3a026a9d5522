package io.iotconsole.sim;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The data usage dashboard: this month's data over the caller's SIMs, how many SIMs used any, how many have used 80 %
 * or more of their monthly limit (the point at which people top up or raise it), and the SIMs using the most.
 */
public record SimUsage(long totalMb, long simsUsingData, long simsNearLimit, List<Top> top) {
    public record Top(
            String iccid,
            @Nullable String label,
            long usedMb,
            @Nullable Integer limitMb) {}
}
