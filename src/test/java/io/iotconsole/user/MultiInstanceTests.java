package io.iotconsole.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.ConsoleApplication;
import io.iotconsole.support.Api;
import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two instances of the console on one PostgreSQL: a session or token made on one works on the other, and a
 * deactivation on one ends them on the other at the very next request, with no sticky sessions and no waiting.
 */
@IntegrationTest
class MultiInstanceTests {
    static ConfigurableApplicationContext second;
    static String secondBase;

    @Autowired
    TestData data;

    @BeforeAll
    static void startSecondInstance(@Autowired Environment first) {
        second = new SpringApplicationBuilder(ConsoleApplication.class)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=" + first.getProperty("spring.datasource.url"),
                        "spring.datasource.username=" + first.getProperty("spring.datasource.username"),
                        "spring.datasource.password=",
                        "console.operator.email=" + TestData.OPERATOR_EMAIL,
                        "console.operator.password=" + TestData.OPERATOR_PASSWORD,
                        "spring.mail.host=127.0.0.1",
                        "spring.mail.port=${test.smtp.port:3925}")
                .run();
        secondBase = "http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void sessionsAndTokensAreSharedAndRevokedAcrossInstances() {
        var org = data.organization("Two Instances");
        String email = TestData.email("twice");
        UUID id = data.activeUser(org.owner(), "OWNER", email);

        var onFirst = new ConsoleSession(data.baseUrl());
        onFirst.signIn(email, TestData.PASSWORD);
        var onSecond = onFirst.on(secondBase);
        assertThat(onSecond.get("/profile").status())
                .as("a session made on one instance serves on the other")
                .isEqualTo(200);
        String token = data.api().token(email, TestData.PASSWORD);
        Api tokenOnSecond = Api.at(secondBase).withToken(token);
        tokenOnSecond.get("/api/v1/me").expect(200);

        Api operatorOnSecond = Api.at(secondBase)
                .withToken(Api.at(secondBase).token(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD));
        operatorOnSecond.post("/api/v1/users/" + id + "/deactivate").expect(200);

        assertThat(onFirst.get("/profile").location()).contains("/login");
        data.api().withToken(token).get("/api/v1/me").expect(401);
        tokenOnSecond.get("/api/v1/me").expect(401);
    }
}
