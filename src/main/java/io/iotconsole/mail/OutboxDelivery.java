package io.iotconsole.mail;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due outbox mails over SMTP. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances can
 * run this at once without sending a mail twice; a failure is retried with exponential back-off.
 */
@Component
class OutboxDelivery {
    static final int MAX_ATTEMPTS = 12;
    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);
    private final MailRepository repository;
    private final ObjectProvider<JavaMailSender> smtp;
    private final TransactionTemplate tx;
    private final String from;

    OutboxDelivery(
            MailRepository repository,
            ObjectProvider<JavaMailSender> smtp,
            TransactionTemplate tx,
            @Value("${console.mail.from:IoT Console <no-reply@iot-console.local>}") String from) {
        this.repository = repository;
        this.smtp = smtp;
        this.tx = tx;
        this.from = from;
    }

    @Scheduled(fixedDelayString = "${console.mail.poll-interval:PT2S}")
    void deliverDue() {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender == null) {
            return;
        }
        Integer sent;
        do {
            sent = tx.execute(status -> deliverBatch(sender));
        } while (sent != null && sent > 0);
    }

    /** Answers how many were handled, so a backlog drains without waiting for the next tick. */
    int deliverBatch(JavaMailSender sender) {
        var due = repository.lockDue(20, MAX_ATTEMPTS);
        for (QueuedMail mail : due) {
            try {
                MimeMessage message = sender.createMimeMessage();
                var helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
                helper.setFrom(from);
                helper.setTo(mail.recipient());
                helper.setSubject(mail.subject());
                helper.setText(mail.body(), false);
                sender.send(message);
                repository.markSent(mail.id());
            } catch (Exception e) {
                Duration backoff = Duration.ofSeconds(Math.min(3600, 1L << Math.min(mail.attempts() + 1, 12)));
                repository.markFailed(
                        mail.id(), String.valueOf(e.getMessage()), Instant.now().plus(backoff));
                log.warn(
                        "Mail {} to {} not delivered (attempt {}): {}",
                        mail.id(),
                        mail.recipient(),
                        mail.attempts() + 1,
                        e.getMessage());
                return 0; // the server is likely down: let the back-off work rather than failing the whole batch
            }
        }
        return due.size();
    }
}
