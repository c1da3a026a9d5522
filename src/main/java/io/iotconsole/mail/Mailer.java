package io.iotconsole.mail;

import io.iotconsole.security.AccessPolicy;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import org.jspecify.annotations.Nullable;
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

    /**
     * The Mailbox page, the platform operator's only: the outbox newest first, narrowed (when the query is not blank)
     * to the mails whose recipient, subject or text contain it, ignoring case.
     */
    @Transactional(readOnly = true)
    public PageResult<QueuedMail> search(@Nullable String query, Paging paging) {
        access.requireOperator("read the outbox");
        String q = query == null ? "" : query.strip();
        String like = q.isEmpty()
                ? ""
                : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return new PageResult<>(
                repository.search(like, paging.offset(), paging.size()),
                repository.count(like),
                paging.page(),
                paging.size());
    }

    public boolean smtpConfigured() {
        return smtp.getIfAvailable() != null;
    }
}
