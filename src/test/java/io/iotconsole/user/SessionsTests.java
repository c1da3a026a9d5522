package io.iotconsole.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Seeing and ending console sessions and API tokens: one's own, and those of the users one administers. */
@IntegrationTest
class SessionsTests {
    private static final Pattern SESSION_ROW = Pattern.compile("data-session-id=\"([^\"]+)\"");

    @Autowired
    TestData data;

    @Test
    void aSessionEndedFromAnotherIsRefusedOnItsNextRequest() {
        var org = data.organization("Sessions Own");
        String email = TestData.email("twosessions");
        data.activeUser(org.owner(), "STANDARD", email);
        ConsoleSession laptop = data.console(email, TestData.PASSWORD);
        ConsoleSession phone = data.console(email, TestData.PASSWORD);
        assertThat(phone.get("/profile").status()).isEqualTo(200);

        var page = laptop.get("/profile/sessions");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("(this session)").contains("127.0.0.1");
        var ids =
                SESSION_ROW.matcher(page.body()).results().map(m -> m.group(1)).toList();
        assertThat(ids)
                .hasSize(2)
                .as("fingerprints, never the session's secret")
                .allMatch(i -> i.matches("[0-9a-f]{24}"));
        String phoneId = otherThanCurrent(page.body());

        var ended = laptop.submit("/profile/sessions", "/profile/sessions/end", Map.of("session", phoneId));
        assertThat(ended.location()).endsWith("/profile/sessions");
        assertThat(phone.get("/profile").location()).contains("/login");
        assertThat(laptop.get("/profile").status())
                .as("the session that ended the other goes on")
                .isEqualTo(200);
        assertThat(laptop.get("/profile/sessions").body()).contains("Ended 1 session");
        assertThat(audits(email, "1 console session(s)")).isEqualTo(1);
    }

    @Test
    void endingAllOfOnesOwnKeepsTheCurrentSessionAndEndsTheTokens() {
        var org = data.organization("Sessions All");
        String email = TestData.email("allmine");
        data.activeUser(org.owner(), "OWNER", email);
        ConsoleSession here = data.console(email, TestData.PASSWORD);
        ConsoleSession there = data.console(email, TestData.PASSWORD);
        var api = data.login(email);
        api.get("/api/v1/me").expect(200);
        assertThat(here.get("/profile/sessions").body()).contains("Management API tokens");

        here.submit("/profile/sessions", "/profile/sessions/end", Map.of("all", "true"));

        assertThat(there.get("/profile").location()).contains("/login");
        api.get("/api/v1/me").expect(401);
        assertThat(here.get("/profile").status()).isEqualTo(200);
    }

    @Test
    void anAdminEndsAStandardUsersSessionsFromTheUsersPageAndTheApi() {
        var org = data.organization("Sessions Admin");
        String adminEmail = TestData.email("sessadmin");
        String standardEmail = TestData.email("sessstandard");
        data.activeUser(org.owner(), "ADMIN", adminEmail);
        UUID standard = data.activeUser(org.owner(), "STANDARD", standardEmail);
        ConsoleSession admin = data.console(adminEmail, TestData.PASSWORD);
        ConsoleSession user = data.console(standardEmail, TestData.PASSWORD);
        assertThat(user.get("/profile").status()).isEqualTo(200);

        var page = admin.get("/users/" + standard + "/sessions");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Test STANDARD").doesNotContain("(this session)");
        admin.submit("/users/" + standard + "/sessions", "/users/" + standard + "/sessions/end", Map.of("all", "true"));
        assertThat(user.get("/profile").location()).contains("/login");
        var entry = data.jdbc()
                .sql("SELECT actor_label, detail FROM audit_event WHERE action = 'SESSIONS_ENDED'"
                        + " AND target_id = :id ORDER BY occurred_at DESC LIMIT 1")
                .param("id", standard.toString())
                .query((rs, n) -> rs.getString("actor_label") + " | " + rs.getString("detail"))
                .single();
        assertThat(entry).contains(adminEmail).contains("1 console session(s)");

        // the Owner, over the API: the list, then every session ended (a Standard user holds no API token)
        ConsoleSession again = data.console(standardEmail, TestData.PASSWORD);
        var listed = org.owner()
                .get("/api/v1/users/" + standard + "/sessions")
                .expect(200)
                .json();
        assertThat(listed.get("sessions").size()).isEqualTo(1);
        assertThat(listed.get("sessions").get(0).get("address").asString()).isEqualTo("127.0.0.1");
        assertThat(listed.get("tokens").size()).isEqualTo(0);
        var ended = org.owner()
                .delete("/api/v1/users/" + standard + "/sessions")
                .expect(200)
                .json();
        assertThat(ended.get("sessions").asInt()).isEqualTo(1);
        assertThat(ended.get("tokens").asInt()).isEqualTo(0);
        assertThat(again.get("/profile").location()).contains("/login");
    }

    @Test
    void anotherOrganisationsUserIsNotFoundAndAnAdminCannotTouchAnOwner() {
        var mine = data.organization("Sessions Mine");
        var theirs = data.organization("Sessions Theirs");
        UUID stranger = data.activeUser(theirs.owner(), "STANDARD", TestData.email("stranger"));
        mine.owner().get("/api/v1/users/" + stranger + "/sessions").expect(404);
        mine.owner().delete("/api/v1/users/" + stranger + "/sessions").expect(404);
        ConsoleSession owner = data.console(mine.ownerEmail(), TestData.PASSWORD);
        assertThat(owner.get("/users/" + stranger + "/sessions").status()).isEqualTo(404);

        String adminEmail = TestData.email("adminvsowner");
        data.activeUser(mine.owner(), "ADMIN", adminEmail);
        UUID ownerId = UUID.fromString(
                mine.owner().get("/api/v1/me").expect(200).json().get("id").asString());
        ConsoleSession admin = data.console(adminEmail, TestData.PASSWORD);
        assertThat(admin.get("/users/" + ownerId + "/sessions").status()).isEqualTo(403);
        assertThat(owner.get("/profile").status()).isEqualTo(200);
    }

    private static String otherThanCurrent(String body) {
        Matcher rows = Pattern.compile("data-session-id=\"([^\"]+)\">\\s*<td><span>[^<]*</span>(<strong>)?")
                .matcher(body);
        while (rows.find()) {
            if (rows.group(2) == null) {
                return rows.group(1);
            }
        }
        throw new AssertionError("no other session listed");
    }

    private long audits(String email, String detail) {
        return data.jdbc()
                .sql("SELECT count(*) FROM audit_event WHERE action = 'SESSIONS_ENDED' AND target_label LIKE :l"
                        + " AND detail LIKE :d")
                .param("l", "%" + email + "%")
                .param("d", detail + "%")
                .query(Long.class)
                .single();
    }
}
