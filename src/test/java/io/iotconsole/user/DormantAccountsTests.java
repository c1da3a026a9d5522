package io.iotconsole.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.MovableClock;
import io.iotconsole.support.TestData;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Dormant accounts with the clock moved forward: warned by e-mail at day 83, once, deactivated at day 90 by the
 * system, never when the organisation turned it off, and not after signing in again.
 */
@IntegrationTest
class DormantAccountsTests {
    static final String WARNING = "Your IoT Console access will be deactivated on%";

    @Autowired
    TestData data;

    @Autowired
    MovableClock clock;

    @Autowired
    DormantAccounts dormant;

    Runnable restore = () -> {};

    @AfterEach
    void timeAndOthersBack() {
        clock.reset();
        restore.run();
    }

    @Test
    void warnedAtDay83OnceAndDeactivatedAtDay90ByTheSystem() {
        var org = data.organization("Dormant Default");
        String email = TestData.email("dormant");
        UUID user = data.activeUser(org.owner(), "STANDARD", email);
        data.apiUser(org, "dormantapi");
        ConsoleSession session = data.console(email, TestData.PASSWORD);
        restore = MovableClock.dormancyOnlyFor(data.jdbc(), org.id());
        int mails = data.awaitMailCount(email, 1);

        at(Duration.ofDays(82));
        assertThat(warnings(email)).isZero();

        at(Duration.ofDays(83).plusMinutes(1));
        assertThat(warnings(email)).isEqualTo(1);
        assertThat(data.awaitMailCount(email, mails + 1)).isEqualTo(mails + 1);

        at(Duration.ofDays(86));
        at(Duration.ofDays(89));
        assertThat(warnings(email)).as("no second warning").isEqualTo(1);
        assertThat(status(user)).isEqualTo("ACTIVE");

        at(Duration.ofDays(90).plusMinutes(2));
        assertThat(status(user)).isEqualTo("INACTIVE");
        assertThat(session.get("/profile").location())
                .as("the session ended with it")
                .contains("/login");
        var actor = data.jdbc()
                .sql("SELECT actor_label FROM audit_event WHERE action = 'USER_DEACTIVATED' AND target_id = :id")
                .param("id", user.toString())
                .query(String.class)
                .list();
        assertThat(actor).containsExactly("system");
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM audit_event WHERE action = 'USER_DORMANCY_WARNED'"
                                + " AND target_id = :id AND actor_label = 'system'")
                        .param("id", user.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM app_user WHERE organization_id = :org AND role = 'API_USER'"
                                + " AND status = 'ACTIVE'")
                        .param("org", org.id())
                        .query(Long.class)
                        .single())
                .as("API users are never dormant")
                .isEqualTo(1);
        at(Duration.ofDays(200));
        assertThat(warnings(email)).isEqualTo(1);
    }

    @Test
    void signingInAfterTheWarningStartsTheCountAgain() {
        var org = data.organization("Dormant Back");
        String email = TestData.email("dormantback");
        UUID user = data.activeUser(org.owner(), "STANDARD", email);
        restore = MovableClock.dormancyOnlyFor(data.jdbc(), org.id());

        at(Duration.ofDays(84));
        assertThat(warnings(email)).isEqualTo(1);
        clock.moveAhead(Duration.ofDays(85));
        data.console(email, TestData.PASSWORD);
        at(Duration.ofDays(95));
        assertThat(status(user)).isEqualTo("ACTIVE");
        at(Duration.ofDays(85 + 83).plusMinutes(1));
        assertThat(warnings(email)).as("warned again, for the new deadline").isEqualTo(2);
    }

    @Test
    void anOwnerTurnsItOffOnTheAccountPageAndThenNobodyIsDeactivated() {
        var org = data.organization("Dormant Off");
        String email = TestData.email("dormantoff");
        UUID user = data.activeUser(org.owner(), "STANDARD", email);
        ConsoleSession owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        assertThat(owner.get("/account").body()).contains("dormancy-form");

        var refused = owner.submit("/account", "/account/dormancy", Map.of("enabled", "true", "dormantAfterDays", "5"));
        assertThat(refused.body()).contains("Enter a number of days from 14 to 3650");
        owner.submit("/account", "/account/dormancy", Map.of("enabled", "true", "dormantAfterDays", "30"));
        assertThat(days(org.id())).isEqualTo(30);
        var off = owner.submit("/account", "/account/dormancy", Map.of("dormantAfterDays", "30"));
        assertThat(off.location()).endsWith("/account");
        assertThat(days(org.id())).isNull();
        assertThat(data.jdbc()
                        .sql("SELECT detail FROM audit_event WHERE action = 'DORMANCY_SETTING_CHANGED'"
                                + " AND organization_id = :org ORDER BY occurred_at")
                        .param("org", org.id())
                        .query(String.class)
                        .list())
                .containsExactly(
                        "deactivate users not signed in for: 90 days → 30 days",
                        "deactivate users not signed in for: 30 days → never");

        String adminEmail = TestData.email("dormantadmin");
        data.activeUser(org.owner(), "ADMIN", adminEmail);
        ConsoleSession admin = data.console(adminEmail, TestData.PASSWORD);
        assertThat(admin.get("/account").body()).doesNotContain("dormancy-form").contains("never deactivated");

        restore = MovableClock.dormancyOnlyFor(data.jdbc(), org.id());
        at(Duration.ofDays(400));
        assertThat(status(user)).isEqualTo("ACTIVE");
        assertThat(warnings(email)).isZero();
    }

    private void at(Duration ahead) {
        clock.moveAhead(ahead);
        assertThat(dormant.run().ran()).isTrue();
    }

    private long warnings(String email) {
        return data.jdbc()
                .sql("SELECT count(*) FROM mail_outbox WHERE recipient = :r AND subject LIKE :s")
                .param("r", email)
                .param("s", WARNING)
                .query(Long.class)
                .single();
    }

    private String status(UUID user) {
        return data.jdbc()
                .sql("SELECT status FROM app_user WHERE id = :id")
                .param("id", user)
                .query(String.class)
                .single();
    }

    private Integer days(UUID org) {
        return data.jdbc()
                .sql("SELECT dormant_after_days FROM organization WHERE id = :id")
                .param("id", org)
                .query(Integer.class)
                .list()
                .get(0);
    }
}
