package io.iotconsole.audit;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a module tells the audit log. The actor, and the address the request came from, are filled in from the
 * current request unless given.
 */
public record AuditRecord(
        @Nullable UUID organizationId,
        String action,
        @Nullable String targetType,
        @Nullable String targetId,
        @Nullable String targetLabel,
        AuditOutcome outcome,
        @Nullable String detail,
        @Nullable UUID actorId,
        @Nullable String actorLabel,
        @Nullable UUID onBehalfOfId,
        @Nullable String onBehalfOfLabel) {

    public AuditRecord(
            @Nullable UUID organizationId,
            String action,
            @Nullable String targetType,
            @Nullable String targetId,
            @Nullable String targetLabel,
            AuditOutcome outcome,
            @Nullable String detail,
            @Nullable UUID actorId,
            @Nullable String actorLabel) {
        this(
                organizationId,
                action,
                targetType,
                targetId,
                targetLabel,
                outcome,
                detail,
                actorId,
                actorLabel,
                null,
                null);
    }

    public static AuditRecord success(
            @Nullable UUID organizationId,
            String action,
            String targetType,
            Object targetId,
            @Nullable String targetLabel) {
        return new AuditRecord(
                organizationId,
                action,
                targetType,
                String.valueOf(targetId),
                targetLabel,
                AuditOutcome.SUCCESS,
                null,
                null,
                null);
    }

    public AuditRecord withDetail(@Nullable String detail) {
        return new AuditRecord(
                organizationId,
                action,
                targetType,
                targetId,
                targetLabel,
                outcome,
                detail,
                actorId,
                actorLabel,
                onBehalfOfId,
                onBehalfOfLabel);
    }

    public AuditRecord withOutcome(AuditOutcome outcome) {
        return new AuditRecord(
                organizationId,
                action,
                targetType,
                targetId,
                targetLabel,
                outcome,
                detail,
                actorId,
                actorLabel,
                onBehalfOfId,
                onBehalfOfLabel);
    }

    public AuditRecord byActor(@Nullable UUID actorId, @Nullable String actorLabel) {
        return new AuditRecord(
                organizationId,
                action,
                targetType,
                targetId,
                targetLabel,
                outcome,
                detail,
                actorId,
                actorLabel,
                onBehalfOfId,
                onBehalfOfLabel);
    }

    /**
     * An action taken in someone else's name: during remote assistance the actor is the customer, on behalf of the
     * assisting console user ({@code byId}, {@code byLabel}).
     */
    public AuditRecord onBehalfOf(@Nullable UUID byId, @Nullable String byLabel) {
        return new AuditRecord(
                organizationId,
                action,
                targetType,
                targetId,
                targetLabel,
                outcome,
                detail,
                actorId,
                actorLabel,
                byId,
                byLabel);
    }
}
