package io.iotconsole.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.Api;
import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import io.iotconsole.support.TestData.Org;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Statuses and their transitions, links, and the end of sessions and tokens, over HTTP against the real database. */
@IntegrationTest
class UserLifecycleTests {
    @Autowired
    TestData data;

    Org acme;
    Api owner;

    @BeforeEach
    void organization() {
        acme = data.organization("Lifecycle Ltd");
        owner = acme.owner();
    }

    @Test
    void invitedUserActivatesWithTheMailedLinkOnceAndOnlyOnce() {
        String email = TestData.email("inv");
        var created = owner.post(
                "/api/v1/users", Map.of("firstName", "Ivy", "lastName", "Invited", "email", email, "role", "STANDARD"));
        created.expect(201);
        data.api().tokenResponse(email, TestData.PASSWORD).expect(401);
        var console = new ConsoleSession(data.baseUrl());
        assertThat(console.signIn(email, "anything-at-all-1").location()).endsWith("/login?error");

        String token = data.linkToken(email, "activate");
        var weak = data.api().post("/api/v1/activation", Map.of("token", token, "password", "short"));
        weak.expect(400);
        assertThat(weak.fieldError("password")).contains("at least 12");
        data.api()
                .post("/api/v1/activation", Map.of("token", token, "password", TestData.PASSWORD))
                .expect(200);
        var again = data.api().post("/api/v1/activation", Map.of("token", token, "password", TestData.PASSWORD));
        again.expect(400);
        assertThat(again.fieldError("token")).isEqualTo("This link has already been used.");
        var page = new ConsoleSession(data.baseUrl()).get("/activate?token=" + token);
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.body()).contains("This link has already been used.").doesNotContain("name=\"password\"");

        assertThat(console.signIn(email, TestData.PASSWORD).location()).endsWith("/");
        assertThat(console.get("/profile").body()).contains(email);
        assertThat(owner.get("/api/v1/users/" + created.json().get("id").asString())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ACTIVE");
    }

    @Test
    void anExpiredLinkSaysSoAndOffersNothingElse() {
        String email = TestData.email("late");
        owner.post("/api/v1/users", Map.of("firstName", "L", "lastName", "Ate", "email", email, "role", "STANDARD"))
                .expect(201);
        String token = data.linkToken(email, "activate");
        data.jdbc()
                .sql("UPDATE user_link_token SET expires_at = now() - interval '1 minute' WHERE token_hash = :h")
                .param("h", io.iotconsole.shared.Tokens.hash(token))
                .update();
        var page = new ConsoleSession(data.baseUrl()).get("/activate?token=" + token);
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.body()).contains("This link has expired.").doesNotContain("name=\"password\"");
        var api = data.api().post("/api/v1/activation", Map.of("token", token, "password", TestData.PASSWORD));
        assertThat(api.fieldError("token")).isEqualTo("This link has expired.");
        assertThat(new ConsoleSession(data.baseUrl())
                        .get("/activate?token=nonsense")
                        .body())
                .contains("This link is not valid");
    }

    @Test
    void activationLinksLastTwentyFourHoursAndResetLinksOneHour() {
        String email = TestData.email("ttl");
        var created = owner.post(
                "/api/v1/users", Map.of("firstName", "T", "lastName", "Tl", "email", email, "role", "STANDARD"));
        UUID id = UUID.fromString(created.json().get("id").asString());
        long activationMinutes = data.jdbc()
                .sql("SELECT round(extract(epoch FROM expires_at - created_at) / 60) FROM "
                        + "user_link_token WHERE user_id = :u AND purpose = 'ACTIVATION'")
                .param("u", id)
                .query(Long.class)
                .single();
        assertThat(activationMinutes).isEqualTo(24 * 60);
        data.activate(email, TestData.PASSWORD);
        data.api().post("/api/v1/password-reset", Map.of("email", email)).expect(202);
        data.linkToken(email, "reset-password");
        long resetMinutes = data.jdbc()
                .sql("SELECT round(extract(epoch FROM expires_at - created_at) / 60) FROM "
                        + "user_link_token WHERE user_id = :u AND purpose = 'RESET'")
                .param("u", id)
                .query(Long.class)
                .single();
        assertThat(resetMinutes).isEqualTo(60);
    }

    @Test
    void resendingGivesAFreshLinkAndTheOldOneStopsWorking() {
        String email = TestData.email("resend");
        var created = owner.post(
                "/api/v1/users", Map.of("firstName", "R", "lastName", "S", "email", email, "role", "READ_ONLY"));
        String id = created.json().get("id").asString();
        String first = data.linkToken(email, "activate");
        int mails = data.mailCount(email);
        owner.post("/api/v1/users/" + id + "/resend-verification").expect(200);
        String second = data.linkTokenAfter(email, "activate", mails);
        assertThat(second).isNotEqualTo(first);
        data.api()
                .post("/api/v1/activation", Map.of("token", first, "password", TestData.PASSWORD))
                .expect(400);
        data.api()
                .post("/api/v1/activation", Map.of("token", second, "password", TestData.PASSWORD))
                .expect(200);
        var active = owner.post("/api/v1/users/" + id + "/resend-verification");
        active.expect(409);
        assertThat(active.json().get("detail").asString()).isEqualTo("The user is already active");
    }

    @Test
    void deactivationEndsSessionAndTokenAtOnceAndReinvitingRevivesNeither() {
        String email = TestData.email("deact");
        UUID id = data.activeUser(owner, "OWNER", email);
        Api token = data.login(email);
        token.get("/api/v1/me").expect(200);
        var session = new ConsoleSession(data.baseUrl());
        session.signIn(email, TestData.PASSWORD);
        assertThat(session.get("/users").status()).isEqualTo(200);

        var operator = data.operator();
        var r = operator.post("/api/v1/users/" + id + "/deactivate");
        r.expect(200);
        assertThat(r.json().get("status").asString()).isEqualTo("INACTIVE");

        token.get("/api/v1/me").expect(401);
        var next = session.get("/users");
        assertThat(next.status()).isEqualTo(302);
        assertThat(next.location()).endsWith("/login?ended");
        data.api().tokenResponse(email, TestData.PASSWORD).expect(401);
        operator.post("/api/v1/users/" + id + "/deactivate").expect(409);

        int mails = data.mailCount(email);
        var reinvited = operator.post("/api/v1/users/" + id + "/resend-verification");
        reinvited.expect(200);
        assertThat(reinvited.json().get("status").asString()).isEqualTo("INVITED");
        String link = data.linkTokenAfter(email, "activate", mails);
        data.api()
                .post("/api/v1/activation", Map.of("token", link, "password", "a-brand-new-password"))
                .expect(200);
        token.get("/api/v1/me").expect(401);
        assertThat(session.get("/users").status()).isEqualTo(302);
        data.api().token(email, "a-brand-new-password");
    }

    @Test
    void deletionIsPermanentEndsAccessAndStaysInTheAuditLog() {
        String email = TestData.email("del");
        UUID id = data.activeUser(owner, "STANDARD", email);
        var session = new ConsoleSession(data.baseUrl());
        session.signIn(email, TestData.PASSWORD);
        owner.delete("/api/v1/users/" + id).expect(204);
        owner.get("/api/v1/users/" + id).expect(404);
        assertThat(session.get("/").location()).endsWith("/login?ended");
        var audit = owner.get("/api/v1/audit-events?action=USER_DELETED")
                .expect(200)
                .json();
        assertThat(audit.get("items").toString()).contains(id.toString()).contains(email);
        owner.post("/api/v1/users", Map.of("firstName", "Re", "lastName", "Used", "email", email, "role", "STANDARD"))
                .expect(201);
    }

    @Test
    void nobodyDeactivatesOrDeletesThemselves() {
        String me = owner.get("/api/v1/me").json().get("id").asString();
        var self = owner.post("/api/v1/users/" + me + "/deactivate");
        self.expect(409);
        assertThat(self.json().get("detail").asString()).isEqualTo("You cannot deactivate yourself");
        owner.delete("/api/v1/users/" + me).expect(409);
        data.operator().post("/api/v1/users/" + me + "/deactivate").expect(200);
    }

    @Test
    void forgottenPasswordNeverRevealsWhetherTheAddressExistsAndTheResetEndsOtherSessions() {
        String email = TestData.email("forgot");
        data.activeUser(owner, "STANDARD", email);
        var known = data.api().post("/api/v1/password-reset", Map.of("email", email.toUpperCase()));
        var unknown = data.api().post("/api/v1/password-reset", Map.of("email", TestData.email("ghost")));
        known.expect(202);
        unknown.expect(202);
        assertThat(known.body()).isEqualTo(unknown.body());
        var form = new ConsoleSession(data.baseUrl());
        String unknownPage = form.submit("/forgot-password", "/forgot-password", Map.of("email", "ghost@example.test"))
                .body();
        String knownPage = form.submit("/forgot-password", "/forgot-password", Map.of("email", email))
                .body();
        assertThat(withoutCsrf(knownPage)).isEqualTo(withoutCsrf(unknownPage));

        var other = new ConsoleSession(data.baseUrl());
        other.signIn(email, TestData.PASSWORD);
        // the activation mail and the two reset mails asked for above must be in before counting on from them
        int mails = data.awaitMailCount(email, 3);
        data.api().post("/api/v1/password-reset", Map.of("email", email)).expect(202);
        String token = data.linkTokenAfter(email, "reset-password", mails);
        data.api()
                .post("/api/v1/password-reset/confirm", Map.of("token", token, "password", "my-new-password-77"))
                .expect(204);
        assertThat(other.get("/").location()).endsWith("/login?ended");
        data.api()
                .post("/api/v1/password-reset/confirm", Map.of("token", token, "password", "my-new-password-78"))
                .expect(400);
        assertThat(new ConsoleSession(data.baseUrl())
                        .signIn(email, "my-new-password-77")
                        .location())
                .endsWith("/");
    }

    @Test
    void changingOwnPasswordEndsOtherSessionsAndKeepsThisOne() {
        String email = TestData.email("self");
        data.activeUser(owner, "READ_ONLY", email);
        var here = new ConsoleSession(data.baseUrl());
        var elsewhere = new ConsoleSession(data.baseUrl());
        here.signIn(email, TestData.PASSWORD);
        elsewhere.signIn(email, TestData.PASSWORD);
        var wrong = here.submit(
                "/profile",
                "/profile/password",
                Map.of(
                        "currentPassword",
                        "not-my-password",
                        "newPassword",
                        "another-password-1",
                        "confirmation",
                        "another-password-1"));
        assertThat(wrong.body()).contains("This is not your current password");
        var ok = here.submit(
                "/profile",
                "/profile/password",
                Map.of(
                        "currentPassword",
                        TestData.PASSWORD,
                        "newPassword",
                        "another-password-1",
                        "confirmation",
                        "another-password-1"));
        assertThat(ok.location()).endsWith("/profile");
        assertThat(here.get("/profile").status()).isEqualTo(200);
        assertThat(elsewhere.get("/profile").location()).endsWith("/login?ended");
    }

    @Test
    void namesWithHtmlAreShownAsText() {
        owner.post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "<script>alert(1)</script>",
                                "lastName",
                                "<b>Bold</b>",
                                "email",
                                TestData.email("html"),
                                "role",
                                "STANDARD",
                                "description",
                                "<img src=x onerror=alert(2)>"))
                .expect(201);
        var session = new ConsoleSession(data.baseUrl());
        session.signIn(acme.ownerEmail(), TestData.PASSWORD);
        String page = session.get("/users").body();
        assertThat(page)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;b&gt;Bold&lt;/b&gt;")
                .contains("&lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<script>alert(1)")
                .doesNotContain("<b>Bold</b>")
                .doesNotContain("<img src=x");
    }

    @Test
    void signInsAreAuditedAndRepeatedFailuresLockTheAccount() {
        String email = TestData.email("locked");
        data.activeUser(owner, "STANDARD", email);
        var session = new ConsoleSession(data.baseUrl());
        for (int i = 0; i < 10; i++) {
            session.signIn(email, "wrong-password-" + i);
        }
        var locked = session.signIn(email, TestData.PASSWORD);
        assertThat(locked.location()).endsWith("/login?error");
        assertThat(session.get("/login?error").body()).contains("Too many failed sign-ins");
        // the same message for an address nobody has: a lock reveals nothing about which accounts exist
        var ghost = new ConsoleSession(data.baseUrl());
        for (int i = 0; i < 11; i++) {
            ghost.signIn("nobody-" + email, "wrong-password-" + i);
        }
        assertThat(ghost.get("/login?error").body()).contains("Too many failed sign-ins");

        var entries = owner.get("/api/v1/audit-events?action=SIGN_IN&outcome=FAILURE&actor=" + email)
                .json();
        assertThat(entries.get("total").asInt()).isGreaterThanOrEqualTo(11);
        assertThat(entries.get("items").get(0).get("sourceAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(entries.toString()).contains("locked after repeated failures");
    }

    @Test
    void usersTableShowsLastSignIn() {
        String email = TestData.email("seen");
        UUID id = data.activeUser(owner, "STANDARD", email);
        assertThat(owner.get("/api/v1/users/" + id).json().path("lastSignInAt").isMissingNode())
                .isTrue();
        new ConsoleSession(data.baseUrl()).signIn(email, TestData.PASSWORD);
        assertThat(owner.get("/api/v1/users/" + id).json().path("lastSignInAt").asString())
                .isNotBlank();
    }

    @Test
    void theProfileKeepsWhatWasTypedAndNamesTheWrongField() {
        String email = TestData.email("prof");
        data.activeUser(owner, "THIRD_PARTY", email);
        var session = new ConsoleSession(data.baseUrl());
        session.signIn(email, TestData.PASSWORD);
        var bad = session.submit(
                "/profile",
                "/profile",
                Map.of(
                        "firstName",
                        "Pat <i>",
                        "lastName",
                        "Profile",
                        "countryCode",
                        "44",
                        "mobileNumber",
                        "7700900123"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("value=\"Pat &lt;i&gt;\"").contains("Enter a country code like +44");
        var ok = session.submit(
                "/profile",
                "/profile",
                Map.of(
                        "firstName",
                        "Pat",
                        "lastName",
                        "Profile",
                        "countryCode",
                        "+44",
                        "mobileNumber",
                        "7700 900 123"));
        assertThat(ok.location()).endsWith("/profile");
        assertThat(session.get("/profile").body()).contains("value=\"7700900123\"");
    }

    private static String withoutCsrf(String page) {
        return page.replaceAll("data-csrf-token=\"[^\"]+\"", "").replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
    }
}
