package io.iotconsole.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Mail leaves through the outbox over real SMTP (GreenMail), and waits and retries while the server is down. */
@IntegrationTest
class MailDeliveryTests {
    @Autowired
    TestData data;

    @Test
    void theActivationMailArrivesAndItsLinkWorks() throws Exception {
        var org = data.organization("Mail Co");
        String email = TestData.email("mailed");
        org.owner()
                .post(
                        "/api/v1/users",
                        Map.of("firstName", "Mae", "lastName", "Iled", "email", email, "role", "STANDARD"))
                .expect(201);
        String url = data.linkUrl(email, "activate");
        assertThat(url)
                .startsWith(data.baseUrl().replace("127.0.0.1", "localhost"))
                .contains("/activate?token=");
        var mail = java.util.Arrays.stream(IntegrationTest.Smtp.server().getReceivedMessages())
                .filter(m -> GreenMailUtil.getBody(m).contains(data.linkToken(email, "activate")))
                .findFirst()
                .orElseThrow();
        assertThat(GreenMailUtil.getAddressList(mail.getAllRecipients())).isEqualTo(email);
        assertThat(mail.getSubject()).isEqualTo("You are invited to IoT Console");
        assertThat(GreenMailUtil.getBody(mail))
                .contains("Mail Co")
                .contains(org.accountNumber())
                .contains("24 hours");
        data.activate(email, TestData.PASSWORD);
        var session = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        assertThat(session.signIn(email, TestData.PASSWORD).location()).endsWith("/");
    }

    @Test
    void theOutboxKeepsRetryingWhileSmtpIsDownAndDeliversWhenItIsBack() {
        var org = data.organization("Retry Co");
        IntegrationTest.Smtp.stop();
        String email = TestData.email("retry");
        try {
            org.owner()
                    .post(
                            "/api/v1/users",
                            Map.of("firstName", "Re", "lastName", "Try", "email", email, "role", "STANDARD"))
                    .expect(201);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            int attempts = 0;
            while (attempts < 2 && Instant.now().isBefore(deadline)) {
                TestData.sleep(200);
                attempts = outboxRow(email, "attempts", Integer.class);
            }
            assertThat(attempts).as("delivery attempts while SMTP is down").isGreaterThanOrEqualTo(2);
            assertThat(outboxRow(email, "last_error", String.class)).isNotBlank();
            assertThat(outboxRow(email, "sent_at IS NULL", Boolean.class)).isTrue();
            // the next attempt is pushed back rather than hammering the server
            assertThat(outboxRow(email, "next_attempt_at > now()", Boolean.class))
                    .isTrue();
        } finally {
            IntegrationTest.Smtp.server();
        }
        // bring the retry forward instead of waiting out the back-off
        data.jdbc()
                .sql("UPDATE mail_outbox SET next_attempt_at = now() WHERE lower(recipient) = lower(:r)")
                .param("r", email)
                .update();
        data.activate(email, TestData.PASSWORD);
        assertThat(outboxRow(email, "sent_at IS NOT NULL", Boolean.class)).isTrue();
        assertThat(data.mailCount(email)).isEqualTo(1);
    }

    private <T> T outboxRow(String email, String expression, Class<T> type) {
        return data.jdbc()
                .sql("SELECT " + expression + " FROM mail_outbox WHERE lower(recipient) = lower(:r) "
                        + "ORDER BY id DESC LIMIT 1")
                .param("r", email)
                .query(type)
                .single();
    }

    @Test
    void theMailboxPageIsTheOperatorsOnly() {
        var org = data.organization("Mailbox Co");
        var operator = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        operator.signIn(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        String page = operator.get("/mailbox").body();
        assertThat(page)
                .contains(org.ownerEmail())
                .contains("You are invited to IoT Console")
                .contains("/activate?token=");
        var owner = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        owner.signIn(org.ownerEmail(), TestData.PASSWORD);
        assertThat(owner.get("/mailbox").status()).isEqualTo(403);
        assertThat(owner.get("/").body()).doesNotContain("href=\"/mailbox\"");
    }
}
