package io.iotconsole.sim;

import java.util.List;
import java.util.UUID;

/**
 * Published inside a SIM transfer's transaction once the SIMs have moved, so that other features drop, in the same
 * transaction, what the old owner kept about them (its customers' devices holding those SIMs).
 */
public record SimsTransferred(
        UUID fromOrganizationId, UUID toOrganizationId, String toOrganizationName, List<Range> ranges) {

    /** The ICCIDs of FIRST's length from FIRST to LAST, as the transfer's own ranges cover them. */
    public record Range(String first, String last) {}
}
