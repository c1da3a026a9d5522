package io.iotconsole.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One line of the audit log as it is read back. */
public record AuditEntry(
        long id,
        Instant occurredAt,
        @Nullable UUID organizationId,
        @Nullable UUID actorId,
        @Nullable String actorLabel,
        @Nullable UUID onBehalfOfId,
        @Nullable String onBehalfOfLabel,
        String action,
        @Nullable String targetType,
        @Nullable String targetId,
        @Nullable String targetLabel,
        @Nullable String sourceAddress,
        AuditOutcome outcome,
        @Nullable String detail) {}
