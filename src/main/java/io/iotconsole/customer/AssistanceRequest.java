package io.iotconsole.customer;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A console user's request to assist a customer: PENDING until the customer approves or declines it (or 15 minutes
 * pass: EXPIRED); APPROVED opens within 15 minutes of the approval (STARTED), or expires.
 */
public record AssistanceRequest(
        UUID id,
        UUID organizationId,
        UUID customerId,
        UUID requestedBy,
        String requestedByLabel,
        String reason,
        String status,
        Instant requestedAt,
        @Nullable Instant answeredAt) {}
