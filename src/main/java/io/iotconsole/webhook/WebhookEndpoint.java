package io.iotconsole.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A registered endpoint; its secret is never part of it (shown once, when made or rotated). */
public record WebhookEndpoint(
        UUID id,
        UUID organizationId,
        String url,
        @Nullable String description,
        List<String> eventTypes,
        boolean enabled,
        @Nullable String disabledReason,
        @Nullable Instant failingSince,
        Instant createdAt,
        Instant updatedAt) {}
