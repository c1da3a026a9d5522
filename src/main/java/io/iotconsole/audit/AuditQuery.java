package io.iotconsole.audit;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Filters of the audit page and {@code GET /api/v1/audit-events}; every one optional. */
public record AuditQuery(
        @Nullable UUID organizationId,
        @Nullable String action,
        @Nullable String actor,
        @Nullable AuditOutcome outcome,
        @Nullable LocalDate from,
        @Nullable LocalDate to) {
    public static AuditQuery none() {
        return new AuditQuery(null, null, null, null, null, null);
    }
}
