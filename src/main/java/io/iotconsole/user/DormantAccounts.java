package io.iotconsole.user;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.mail.Mailer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deactivates users who have not signed in for as many days as their organisation sets, after warning them by
 * e-mail 7 days before. Runs on every instance; one PostgreSQL advisory lock per run makes a second instance skip
 * while one works, and the warning is marked in the same transaction as its mail is queued, so it goes out once.
 */
@Component
public class DormantAccounts {
    static final Duration WARNING_AHEAD = Duration.ofDays(7);
    static final String SYSTEM = "system";
    private static final int BATCH = 500;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final DormantAccountRepository repository;
    private final UserLifecycle lifecycle;
    private final Mailer mailer;
    private final UserMails mails;
    private final AuditLog audit;
    private final Clock clock;

    DormantAccounts(
            DormantAccountRepository repository,
            UserLifecycle lifecycle,
            Mailer mailer,
            UserMails mails,
            AuditLog audit,
            Clock clock) {
        this.repository = repository;
        this.lifecycle = lifecycle;
        this.mailer = mailer;
        this.mails = mails;
        this.audit = audit;
        this.clock = clock;
    }

    /** What one run did; {@code ran} is false when another instance held the run. */
    public record Run(boolean ran, int warned, int deactivated) {}

    @Scheduled(
            initialDelayString = "${console.dormancy.initial-delay:PT2M}",
            fixedDelayString = "${console.dormancy.interval:PT1H}")
    @Transactional
    public Run run() {
        if (!repository.tryLock()) {
            return new Run(false, 0, 0);
        }
        Instant now = clock.instant();
        int deactivated = 0;
        for (var due : repository.toDeactivate(now, BATCH)) {
            lifecycle.deactivateDormant(due.organizationId(), due.id(), due.days());
            deactivated++;
        }
        int warned = 0;
        for (var due : repository.toWarn(now, BATCH)) {
            Instant deadline = due.activity().plus(Duration.ofDays(due.days()));
            // never less than the full week's notice, also when the setting was just lowered
            Instant on = deadline.isBefore(now.plus(WARNING_AHEAD)) ? now.plus(WARNING_AHEAD) : deadline;
            repository.markWarned(due.id(), now);
            mailer.queue(mails.dormancyWarning(due, DAY.format(on)));
            audit.record(AuditRecord.success(
                            due.organizationId(),
                            "USER_DORMANCY_WARNED",
                            "USER",
                            due.id(),
                            due.firstName() + " " + due.lastName() + " <" + due.email() + ">")
                    .byActor(null, SYSTEM)
                    .withDetail("no sign-in for "
                            + Duration.between(due.activity(), now).toDays() + " days; deactivation on "
                            + DAY.format(on)));
            warned++;
        }
        return new Run(true, warned, deactivated);
    }
}
