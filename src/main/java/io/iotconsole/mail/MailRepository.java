package io.iotconsole.mail;

import io.iotconsole.security.Unscoped;
import io.iotconsole.shared.WriteBatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MailRepository {
    private final JdbcClient jdbc;
    private final WriteBatch writes;

    MailRepository(JdbcClient jdbc, WriteBatch writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @Unscoped("the outbox: mail the product sends on its own behalf")
    void insert(OutgoingMail mail) {
        Map<String, @Nullable Object> p = new HashMap<>();
        p.put("org", mail.organizationId());
        p.put("to", mail.recipient());
        p.put("subject", mail.subject());
        p.put("body", mail.body());
        p.put("link", mail.link());
        writes.update("""
                        INSERT INTO mail_outbox (organization_id, recipient, subject, body, link)
                        VALUES (:org, :to, :subject, :body, :link)""", p);
    }

    /** Locks due mails so that another instance's delivery run skips them. */
    @Unscoped("the outbox: mail the product sends on its own behalf")
    List<QueuedMail> lockDue(int limit, int maxAttempts) {
        return jdbc.sql("""
                        SELECT * FROM mail_outbox
                        WHERE sent_at IS NULL AND next_attempt_at <= now() AND attempts < :max
                        ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("limit", limit)
                .param("max", maxAttempts)
                .query(MailRepository::map)
                .list();
    }

    @Unscoped("the outbox: mail the product sends on its own behalf")
    void markSent(long id) {
        jdbc.sql("UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = :id")
                .param("id", id)
                .update();
    }

    @Unscoped("the outbox: mail the product sends on its own behalf")
    void markFailed(long id, String error, Instant nextAttempt) {
        jdbc.sql(
                        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = :err, next_attempt_at = :next WHERE id = :id")
                .param("id", id)
                .param("err", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("next", Timestamp.from(nextAttempt))
                .update();
    }

    /** One page of the outbox, newest first, narrowed to mails whose recipient, subject or text contain the pattern. */
    @Unscoped("the Mailbox page, the platform operator's alone (Mailer checks)")
    List<QueuedMail> search(String like, int offset, int limit) {
        return jdbc.sql("SELECT * FROM mail_outbox" + MATCHES + " ORDER BY id DESC OFFSET :offset LIMIT :limit")
                .param("like", like)
                .param("offset", offset)
                .param("limit", limit)
                .query(MailRepository::map)
                .list();
    }

    @Unscoped("the Mailbox page, the platform operator's alone (Mailer checks)")
    long count(String like) {
        return jdbc.sql("SELECT count(*) FROM mail_outbox" + MATCHES)
                .param("like", like)
                .query(Long.class)
                .single();
    }

    /** An empty pattern matches every mail. */
    private static final String MATCHES =
            " WHERE (:like = '' OR recipient ILIKE :like OR subject ILIKE :like" + " OR body ILIKE :like)";

    private static QueuedMail map(ResultSet rs, int row) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new QueuedMail(
                rs.getLong("id"),
                rs.getObject("organization_id", UUID.class),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getString("link"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getInt("attempts"),
                sent == null ? null : sent.toInstant(),
                rs.getString("last_error"));
    }
}
