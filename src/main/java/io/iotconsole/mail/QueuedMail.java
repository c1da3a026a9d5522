package io.iotconsole.mail;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record QueuedMail(
        long id,
        @Nullable UUID organizationId,
        String recipient,
        String subject,
        String body,
        @Nullable String link,
        Instant createdAt,
        int attempts,
        @Nullable Instant sentAt,
        @Nullable String lastError) {
    public String status() {
        if (sentAt != null) {
            return "Sent";
        }
        return attempts == 0 ? "Queued" : "Retrying (" + attempts + " attempts)";
    }
}
