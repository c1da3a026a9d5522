package io.iotconsole.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.ConsoleApplication;
import io.iotconsole.customer.CustomerTestSupport;
import io.iotconsole.support.Api;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;

/**
 * A console that stops between committing a change and sending its event loses nothing: the event waits in the
 * database and the next instance to start sends it. Both instances run on a database of their own, so that no
 * other instance's worker can send the event in between.
 */
@IntegrationTest
class WebhookRecoveryTests {
    @Autowired
    TestData data;

    @Autowired
    Environment first;

    @Autowired
    JdbcClient jdbc;

    ConfigurableApplicationContext start(String url, boolean deliver) {
        // as arguments: they outrank application.properties, as default properties would not
        return new SpringApplicationBuilder(ConsoleApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + first.getProperty("spring.datasource.username"),
                        "--spring.datasource.password=",
                        "--console.operator.email=" + TestData.OPERATOR_EMAIL,
                        "--console.operator.password=" + TestData.OPERATOR_PASSWORD,
                        "--console.mail.poll-interval=PT0.2S",
                        "--console.webhooks.poll-interval=PT0.2S",
                        "--console.webhooks.delivery-enabled=" + deliver,
                        "--console.webhooks.allow-private-addresses=true",
                        "--console.data-dir=target/test-data",
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + IntegrationTest.SMTP_PORT);
    }

    static String base(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Test
    void anEventCommittedByAnInstanceThatStoppedBeforeSendingIsSentByTheNextOne() throws Exception {
        String database = "webhook_recovery_" + System.nanoTime();
        jdbc.sql("CREATE DATABASE " + database).update();
        String url = first.getProperty("spring.datasource.url").replaceFirst("/[^/?]+(\\?.*)?$", "/" + database);
        try (Receiver receiver = Receiver.answering(200)) {
            String secret;
            String customer;
            // the first instance's worker never runs: it stops right after the change committed
            try (ConfigurableApplicationContext stopping = start(url, false)) {
                Api api = Api.at(base(stopping));
                Api operator = api.withToken(api.token(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD));
                String ownerEmail = TestData.email("recovery");
                operator.post(
                                "/api/v1/organizations",
                                Map.of(
                                        "name",
                                        "Recovery",
                                        "owner",
                                        Map.of("firstName", "Rita", "lastName", "Owner", "email", ownerEmail)))
                        .expect(201);
                api.post(
                                "/api/v1/activation",
                                Map.of("token", data.linkToken(ownerEmail, "activate"), "password", TestData.PASSWORD))
                        .expect(200);
                Api owner = api.withToken(api.token(ownerEmail, TestData.PASSWORD));
                var created = owner.post(
                                "/api/v1/webhooks",
                                Map.of("url", receiver.url(), "eventTypes", List.of("customer.created")))
                        .expect(201)
                        .json();
                secret = created.get("secret").asString();
                customer = CustomerTestSupport.create(owner, "Carl", "Committed", TestData.email("committed"));
            }
            var db = JdbcClient.create(new SimpleDriverDataSource(
                    new org.postgresql.Driver(), url, first.getProperty("spring.datasource.username"), ""));
            assertThat(db.sql("SELECT count(*) FROM webhook_delivery WHERE status = 'PENDING' AND attempts = 0")
                            .query(Long.class)
                            .single())
                    .as("the committed event waits in the outbox")
                    .isEqualTo(1);
            assertThat(receiver.received).isEmpty();

            try (ConfigurableApplicationContext next = start(url, true)) {
                List<Receiver.Received> got = receiver.await(1);
                assertThat(got).hasSize(1);
                assertThat(got.get(0).signedWith(secret)).isTrue();
                JsonNode body = WebhookTests.body(got.get(0));
                assertThat(body.get("type").asString()).isEqualTo("customer.created");
                assertThat(body.get("data").get("customerId").asString()).isEqualTo(customer);
                TestData.sleep(500);
                assertThat(receiver.received).as("sent once").hasSize(1);
            }
        } finally {
            jdbc.sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)").update();
        }
    }
}
