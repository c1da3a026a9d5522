package io.iotconsole.mail;

import io.iotconsole.security.AccessPolicy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Queues mails in the outbox; shows the outbox to the operator. */
@Service
public class Mailer {
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private final MailRepository repository;
    private final ObjectProvider<JavaMailSender> smtp;
    private final AccessPolicy access;

    Mailer(MailRepository repository, ObjectProvider<JavaMailSender> smtp, AccessPolicy access) {
        this.access = access;
        this.repository = repository;
        this.smtp = smtp;
    }

    /** Written in the caller's transaction: the mail goes out if, and only if, the change it announces commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queue(OutgoingMail mail) {
        repository.insert(mail);
        if (smtp.getIfAvailable() == null) {
            log.info(
                    "No SMTP server configured; mail to {} kept in the outbox: \"{}\" {}",
                    mail.recipient(),
                    mail.subject(),
                    mail.link() == null ? "" : "link: " + mail.link());
        }
    }

    /** The Mailbox page: the platform operator's only. */
    @Transactional(readOnly = true)
    public List<QueuedMail> latest(int limit) {
        access.requireOperator("read the outbox");
        return repository.latest(limit);
    }

    public boolean smtpConfigured() {
        return smtp.getIfAvailable() != null;
    }
}
