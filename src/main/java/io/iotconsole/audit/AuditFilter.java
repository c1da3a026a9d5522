package io.iotconsole.audit;

import io.iotconsole.shared.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The audit filters as the page, the CSV export and the API receive them: text, checked into an {@link AuditQuery}. */
record AuditFilter(
        @Nullable String action,
        @Nullable String actor,
        @Nullable String outcome,
        @Nullable String from,
        @Nullable String to,
        @Nullable UUID organizationId) {

    AuditQuery toQuery() {
        AuditOutcome parsedOutcome = null;
        if (outcome != null && !outcome.isBlank()) {
            try {
                parsedOutcome = AuditOutcome.valueOf(outcome.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("outcome", "One of SUCCESS, FAILURE, DENIED");
            }
        }
        String cleanAction =
                action == null || action.isBlank() ? null : action.strip().toUpperCase(Locale.ROOT);
        String cleanActor = actor == null || actor.isBlank() ? null : actor.strip();
        return new AuditQuery(
                organizationId, cleanAction, cleanActor, parsedOutcome, date("from", from), date("to", to));
    }

    private static @Nullable LocalDate date(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "A date like 2026-11-24");
        }
    }
}
