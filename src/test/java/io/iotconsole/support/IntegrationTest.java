package io.iotconsole.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole console on a random port, against a real PostgreSQL (the embedded one under {@code target/test-data},
 * fresh for each test run, or the server named by {@code SPRING_DATASOURCE_URL}) and a real SMTP server (GreenMail in
 * this JVM). Every test class uses the same properties, so they all share one Spring context and one database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "console.data-dir=target/test-data",
            "console.embedded-db.fresh=true",
            // a throwaway database: the tests trade durability for speed, the console's defaults do not
            "console.embedded-db.server-config.fsync=off",
            "console.embedded-db.server-config.synchronous-commit=off",
            "console.embedded-db.server-config.full-page-writes=off",
            "console.operator.email=" + TestData.OPERATOR_EMAIL,
            "console.operator.password=" + TestData.OPERATOR_PASSWORD,
            "console.signup-enabled=true",
            "console.mail.poll-interval=PT0.2S",
            "console.webhooks.poll-interval=PT0.2S",
            "console.webhooks.retry-base=PT0.5S",
            "console.webhooks.timeout=PT3S",
            "console.webhooks.allow-private-addresses=true",
            "console.login.delay=PT0.05S",
            "console.login.lock-after-per-address=100000",
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=${test.smtp.port:3925}",
            "spring.mail.properties.mail.smtp.connectiontimeout=2000",
            "spring.mail.properties.mail.smtp.timeout=2000"
        })
@Import({TestData.class, MovableClock.Config.class})
public @interface IntegrationTest {
    /** 3925 unless {@code -Dtest.smtp.port} names another, so that two test runs can share a machine. */
    int SMTP_PORT = Integer.getInteger("test.smtp.port", 3925);

    /** The SMTP server every test sees; started once per JVM, stopped and restarted by the retry test. */
    final class Smtp {
        private static GreenMail server;

        private Smtp() {}

        public static synchronized GreenMail server() {
            if (server == null) {
                server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                server.start();
            }
            return server;
        }

        public static synchronized void stop() {
            if (server != null) {
                server.stop();
                server = null;
            }
        }
    }
}
