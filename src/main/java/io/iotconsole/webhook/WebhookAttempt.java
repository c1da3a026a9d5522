package io.iotconsole.webhook;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One try of a delivery, as the delivery log lists it: when, the HTTP status (null when no answer came: the error
 * is in {@code answer}), the start of the answer, and how long it took; with the delivery's state now.
 */
public record WebhookAttempt(
        long id,
        UUID deliveryId,
        String eventId,
        String eventType,
        Instant attemptedAt,
        @Nullable Integer httpStatus,
        @Nullable String answer,
        int durationMs,
        String deliveryStatus,
        int deliveryAttempts,
        @Nullable Instant nextAttemptAt) {
    public boolean succeeded() {
        return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
    }
}
