package io.iotconsole.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.ConsoleApplication;
import io.iotconsole.support.Api;
import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.MovableClock;
import io.iotconsole.support.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two instances of the console on one PostgreSQL: a session or token made on one works on the other, and a
 * deactivation on one ends them on the other at the very next request, with no sticky sessions and no waiting; the
 * sign-in limits hold across both.
 */
@IntegrationTest
class MultiInstanceTests {
    static ConfigurableApplicationContext second;
    static String secondBase;

    @Autowired
    TestData data;

    @BeforeAll
    static void startSecondInstance(@Autowired Environment first) {
        second = new SpringApplicationBuilder(ConsoleApplication.class, MovableClock.Config.class)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=" + first.getProperty("spring.datasource.url"),
                        "spring.datasource.username=" + first.getProperty("spring.datasource.username"),
                        "spring.datasource.password=",
                        "console.operator.email=" + TestData.OPERATOR_EMAIL,
                        "console.operator.password=" + TestData.OPERATOR_PASSWORD,
                        // the same sign-in limits as the first instance: they share the counters
                        "console.login.delay=" + first.getProperty("console.login.delay"),
                        "console.login.lock-after-per-address="
                                + first.getProperty("console.login.lock-after-per-address"),
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

    @Test
    void aSessionEndedOnOneInstanceIsRefusedOnTheOther() {
        var org = data.organization("Two Instances Sessions");
        String email = TestData.email("twosess");
        data.activeUser(org.owner(), "STANDARD", email);
        var onSecond = new ConsoleSession(secondBase);
        onSecond.signIn(email, TestData.PASSWORD);
        assertThat(onSecond.get("/profile").status()).isEqualTo(200);
        var onFirst = data.console(email, TestData.PASSWORD);

        onFirst.submit("/profile/sessions", "/profile/sessions/end", java.util.Map.of("all", "true"));

        assertThat(onSecond.get("/profile").location())
                .as("ended from the first instance, refused on the second")
                .contains("/login");
        assertThat(onFirst.get("/profile").status()).isEqualTo(200);
    }

    @Test
    void twoInstancesRunningTheDormancyJobAtOnceWarnAndDeactivateOnce(
            @Autowired MovableClock firstClock, @Autowired DormantAccounts firstJob) throws Exception {
        var org = data.organization("Two Instances Dormant");
        String email = TestData.email("dormanttwice");
        UUID id = data.activeUser(org.owner(), "STANDARD", email);
        MovableClock secondClock = second.getBean(MovableClock.class);
        Runnable restore = MovableClock.dormancyOnlyFor(data.jdbc(), org.id());
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (Duration ahead : List.of(Duration.ofDays(84), Duration.ofDays(92))) {
                firstClock.moveAhead(ahead);
                secondClock.moveAhead(ahead);
                var start = new CountDownLatch(1);
                List<Future<DormantAccounts.Run>> runs = new ArrayList<>();
                for (DormantAccounts job : List.of(firstJob, second.getBean(DormantAccounts.class))) {
                    runs.add(pool.submit(() -> {
                        start.await();
                        return job.run();
                    }));
                }
                start.countDown();
                for (var run : runs) {
                    run.get();
                }
            }
        } finally {
            pool.shutdownNow();
            firstClock.reset();
            secondClock.reset();
            restore.run();
        }
        assertThat(data.jdbc()
                        .sql("SELECT action, count(*) FROM audit_event WHERE target_id = :id"
                                + " AND action IN ('USER_DORMANCY_WARNED', 'USER_DEACTIVATED') GROUP BY action")
                        .param("id", id.toString())
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                        .set())
                .containsExactlyInAnyOrder("USER_DORMANCY_WARNED=1", "USER_DEACTIVATED=1");
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM mail_outbox WHERE recipient = :r AND subject LIKE :s")
                        .param("r", email)
                        .param("s", DormantAccountsTests.WARNING)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aBurstOfWrongPasswordsSplitOverBothInstancesGetsNoMorePasswordChecksThanTheLimit() throws Exception {
        var org = data.organization("Two Instances Burst");
        String email = TestData.email("burst2");
        data.activeUser(org.owner(), "OWNER", email);
        int burst = 40;
        var pool = Executors.newFixedThreadPool(burst);
        try {
            var start = new CountDownLatch(1);
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                Api instance = Api.at(i % 2 == 0 ? data.baseUrl() : secondBase);
                String password = "wrong-password-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return instance.tokenResponse(email, password);
                }));
            }
            start.countDown();
            for (var answer : answers) {
                answer.get().expect(401);
            }
        } finally {
            pool.shutdownNow();
        }
        long checked = data.jdbc()
                .sql("SELECT count(*) FROM audit_event WHERE action = 'SIGN_IN' AND outcome = 'FAILURE'"
                        + " AND target_label LIKE :label AND detail LIKE 'wrong credentials%'")
                .param("label", "%" + email + "%")
                .query(Long.class)
                .single();
        assertThat(checked).as("password checks on both instances together").isBetween(1L, 10L);
        Api.at(secondBase).tokenResponse(email, TestData.PASSWORD).expect(401);
        data.api().tokenResponse(email, TestData.PASSWORD).expect(401);
    }
}
