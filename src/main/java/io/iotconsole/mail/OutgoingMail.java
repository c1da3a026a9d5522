package io.iotconsole.mail;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A mail to queue: plain text, with the one link it carries (if any) kept apart for the Mailbox page and log. */
public record OutgoingMail(
        @Nullable UUID organizationId,
        String recipient,
        String subject,
        String body,
        @Nullable String link) {}
