package io.iotconsole.sim;

import io.iotconsole.shared.Text;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code PATCH /api/v1/sims/{iccid}}: only the fields given change. {@code monthlyLimitMb} 0 removes the limit,
 * {@code autoTopUpMb} 0 turns auto top-up off; {@code imei} (15 digits) goes with {@code imeiLock: true} and names
 * the device the SIM is locked to; an empty {@code label} clears it; {@code groupId} names a group of the SIM's
 * organisation, or {@code ungroup: true} takes the SIM out of its group.
 */
public record SimChanges(
        @Text(max = 16) @Nullable String state,
        @Nullable Boolean imeiLock,
        @Nullable String imei,
        @Nullable String label, // checked with the other fields by SimActions, all problems at once
        @Nullable Integer monthlyLimitMb,
        @Nullable Integer autoTopUpMb,
        @Nullable UUID groupId,
        @Nullable Boolean ungroup,
        @Nullable UUID organizationId) {

    /** The changes without an IMEI (a lock binds to the device the SIM is in). */
    public SimChanges(
            @Nullable String state,
            @Nullable Boolean imeiLock,
            @Nullable String label,
            @Nullable Integer monthlyLimitMb,
            @Nullable Integer autoTopUpMb,
            @Nullable UUID groupId,
            @Nullable Boolean ungroup,
            @Nullable UUID organizationId) {
        this(state, imeiLock, null, label, monthlyLimitMb, autoTopUpMb, groupId, ungroup, organizationId);
    }
}
