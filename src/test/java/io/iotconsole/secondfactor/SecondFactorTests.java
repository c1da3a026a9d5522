package io.iotconsole.secondfactor;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.MovableClock;
import io.iotconsole.support.TestData;
import io.iotconsole.support.TestData.Org;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Second factors over real HTTP against the real database: an authenticator app enrolled and used with codes this
 * test computes from the secret it was shown (RFC 6238, its own generator), each code once, one step of drift either
 * way; recovery codes once each; wrong codes throttled like wrong passwords; an organisation's requirement holding
 * every page at enrolment; a reset by an Admin.
 */
@IntegrationTest
class SecondFactorTests {
    private static final Pattern SECRET = Pattern.compile("data-testid=\"totp-secret\">([A-Z2-7]+)<");
    private static final Pattern RECOVERY = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>");
    private static final String CHALLENGE = "/sign-in/second-factor";

    @Autowired
    TestData data;

    @Autowired
    MovableClock clock;

    Org org;

    @BeforeEach
    void organization() {
        org = data.organization("Second Factor Ltd");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A user with an authenticator app: the secret and the recovery codes it was given. */
    record Enrolled(String email, UUID id, String secret, List<String> recoveryCodes) {}

    // ---- enrolment and sign-in with the app ----

    @Test
    void anAppIsEnrolledWithAFirstCodeAndThenAskedForAfterThePassword() {
        Enrolled user = enrol("STANDARD");
        assertThat(user.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
        assertThat(audit(user.id(), "SECOND_FACTOR_APP_ADDED", "SUCCESS")).isEqualTo(1);
        assertThat(audit(user.id(), "RECOVERY_CODES_CREATED", "SUCCESS")).isEqualTo(1);

        var session = new ConsoleSession(data.baseUrl());
        assertThat(session.signIn(user.email(), TestData.PASSWORD).location()).endsWith(CHALLENGE);
        // the password alone reaches nothing else
        for (String page : List.of("/", "/sims", "/profile", "/users", "/audit")) {
            assertThat(session.get(page).location()).as(page).endsWith(CHALLENGE);
        }
        assertThat(session.get(CHALLENGE).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(30)); // the enrolment's code used up the step of now
        var accepted = session.submit(CHALLENGE, CHALLENGE, Map.of("code", code(user.secret(), 0)));
        assertThat(accepted.location()).endsWith("/");
        assertThat(session.get("/").status()).isEqualTo(200);
        assertThat(session.get("/sims").status()).isEqualTo(200);
        assertThat(audit(user.id(), "SIGN_IN_SECOND_FACTOR", "SUCCESS")).isEqualTo(1);
    }

    @Test
    void aCodeIsTakenOnceEvenBySeveralSessions() {
        Enrolled user = enrol("STANDARD");
        clock.advance(Duration.ofSeconds(30));
        String code = code(user.secret(), 0);
        var first = challenged(user.email());
        assertThat(first.submit(CHALLENGE, CHALLENGE, Map.of("code", code)).location())
                .endsWith("/");

        var second = challenged(user.email());
        var again = second.submit(CHALLENGE, CHALLENGE, Map.of("code", code));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body()).contains("not right, or was already used");
        assertThat(second.get("/").location()).endsWith(CHALLENGE);
        assertThat(audit(user.id(), "SIGN_IN_SECOND_FACTOR", "FAILURE")).isEqualTo(1);
    }

    @Test
    void oneStepOfDriftEitherWayIsAcceptedAndNoMore() {
        Enrolled user = enrol("STANDARD");
        clock.advance(Duration.ofSeconds(90)); // three steps on: steps now-1 .. now+1 are all unused
        var session = challenged(user.email());
        assertThat(session.submit(CHALLENGE, CHALLENGE, Map.of("code", code(user.secret(), 2)))
                        .status())
                .as("two steps ahead of the server")
                .isEqualTo(422);
        assertThat(session.submit(CHALLENGE, CHALLENGE, Map.of("code", code(user.secret(), -1)))
                        .location())
                .as("a phone a step behind")
                .endsWith("/");

        var ahead = challenged(user.email());
        assertThat(ahead.submit(CHALLENGE, CHALLENGE, Map.of("code", code(user.secret(), 1)))
                        .location())
                .as("a phone a step ahead")
                .endsWith("/");

        var behindTheLastUsed = challenged(user.email());
        assertThat(behindTheLastUsed
                        .submit(CHALLENGE, CHALLENGE, Map.of("code", code(user.secret(), 0)))
                        .status())
                .as("a code older than the last one used")
                .isEqualTo(422);
    }

    @Test
    void aRecoveryCodeSignsInOnce() {
        Enrolled user = enrol("READ_ONLY");
        String recovery = user.recoveryCodes().get(3);
        var session = challenged(user.email());
        assertThat(session.submit(CHALLENGE, CHALLENGE, Map.of("code", recovery.toUpperCase(Locale.ROOT)))
                        .location())
                .endsWith("/");
        assertThat(session.get("/").status()).isEqualTo(200);
        assertThat(audit(user.id(), "RECOVERY_CODE_USED", "SUCCESS")).isEqualTo(1);

        var again = challenged(user.email());
        assertThat(again.submit(CHALLENGE, CHALLENGE, Map.of("code", recovery)).status())
                .isEqualTo(422);
        assertThat(again.get("/").location()).endsWith(CHALLENGE);
        var other = challenged(user.email());
        assertThat(other.submit(
                                CHALLENGE,
                                CHALLENGE,
                                Map.of("code", user.recoveryCodes().get(4)))
                        .location())
                .endsWith("/");
    }

    @Test
    void wrongCodesAreThrottledLikeWrongPasswordsAndLockTheAccount() {
        Enrolled user = enrol("STANDARD");
        clock.advance(Duration.ofSeconds(30));
        var session = challenged(user.email());
        String right = code(user.secret(), 0);
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 10; i++) { // console.login.lock-after-per-account
            assertThat(session.submit(CHALLENGE, CHALLENGE, Map.of("code", wrong))
                            .status())
                    .isEqualTo(422);
        }
        var locked = session.submit(CHALLENGE, CHALLENGE, Map.of("code", right));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("Too many failed sign-ins");
        assertThat(session.get("/").location()).endsWith(CHALLENGE);
        assertThat(audit(user.id(), "SIGN_IN_SECOND_FACTOR", "FAILURE")).isEqualTo(11);
        // the account's lock holds for its password too
        var fresh = new ConsoleSession(data.baseUrl());
        assertThat(fresh.signIn(user.email(), TestData.PASSWORD).location()).endsWith("/login?error");
    }

    @Test
    void signingInWithThePasswordAgainDoesNotForgiveWrongCodes() {
        Enrolled user = enrol("STANDARD");
        clock.advance(Duration.ofSeconds(30));
        String right = code(user.secret(), 0);
        String wrong = right.equals("000000") ? "111111" : "000000";
        var first = challenged(user.email());
        for (int i = 0; i < 9; i++) {
            assertThat(first.submit(CHALLENGE, CHALLENGE, Map.of("code", wrong)).status())
                    .isEqualTo(422);
        }
        // the password again, in a new session: the code is still owed, so the nine wrong codes still count
        var second = challenged(user.email());
        assertThat(second.submit(CHALLENGE, CHALLENGE, Map.of("code", wrong)).status())
                .isEqualTo(422);
        assertThat(second.submit(CHALLENGE, CHALLENGE, Map.of("code", right)).status())
                .isEqualTo(429);
    }

    @Test
    void aUserWithASecondFactorGetsNoApiTokenWithThePasswordAlone() {
        data.api().tokenResponse(org.ownerEmail(), TestData.PASSWORD).expect(200);
        enrolExisting(org.ownerEmail(), ownerId());
        data.api().tokenResponse(org.ownerEmail(), TestData.PASSWORD).expect(401);
    }

    // ---- the organisation's requirement ----

    @Test
    void aRequirementTakesEveryUserWithoutASecondFactorToEnrolmentAndLeavesApiUsersAlone() {
        String standard = TestData.email("policy-standard");
        data.activeUser(org.owner(), "STANDARD", standard);
        var open = data.console(standard, TestData.PASSWORD);
        assertThat(open.get("/sims").status()).isEqualTo(200);
        var apiUser = data.apiUser(org, "policy" + UUID.randomUUID().toString().substring(0, 6));

        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        var refused = owner.submit("/profile/security", "/profile/security/policy", Map.of("required", "true"));
        assertThat(refused.location()).endsWith("/profile/security");
        assertThat(owner.get("/profile/security").body()).contains("Set up your own second factor first");
        enrolExisting(org.ownerEmail(), ownerId());
        var ownerAgain = signInWithCode(org.ownerEmail(), enrolledSecret);
        ownerAgain.submit("/profile/security", "/profile/security/policy", Map.of("required", "true"));
        assertThat(audit(org.id(), "SECOND_FACTOR_POLICY_CHANGED", "SUCCESS")).isEqualTo(1);

        // the open session of a user without a second factor: enrolment first, nothing else
        for (String page : List.of("/", "/sims", "/profile", "/customers")) {
            assertThat(open.get(page).location()).as(page).endsWith("/profile/security");
        }
        var enrolment = open.get("/profile/security");
        assertThat(enrolment.status()).isEqualTo(200);
        assertThat(enrolment.body()).contains("Your organisation requires a second factor");
        // a new sign-in goes straight there too
        var next = new ConsoleSession(data.baseUrl());
        assertThat(next.signIn(standard, TestData.PASSWORD).location()).endsWith("/profile/security");
        assertThat(next.get("/").location()).endsWith("/profile/security");
        // an API user's client credentials are no console sign-in
        apiUser.get("/api/v1/me").expect(200);
        apiUser.get("/api/v1/sims").expect(200);
        // the console user's password alone gets no API token either
        data.api().tokenResponse(standard, TestData.PASSWORD).expect(401);

        // enrolling in the held session lets it go on
        open.submit("/profile/security", "/profile/security/app", Map.of());
        String secret = secretOn(open);
        open.submit("/profile/security", "/profile/security/app/confirm", Map.of("code", code(secret, 0)));
        assertThat(open.get("/sims").status()).isEqualTo(200);
    }

    // ---- a reset by an Admin ----

    @Test
    void anAdminResetsAUsersSecondFactorsWhoIsToldByMailAndSignsInWithThePasswordAgain() {
        Enrolled user = enrol("STANDARD");
        clock.advance(Duration.ofSeconds(30));
        var userSession = signInWithCode(user.email(), user.secret());
        assertThat(userSession.get("/").status()).isEqualTo(200);

        String admin = TestData.email("reset-admin");
        data.activeUser(org.owner(), "ADMIN", admin);
        var adminSession = data.console(admin, TestData.PASSWORD);
        String standard = TestData.email("reset-bystander");
        data.activeUser(org.owner(), "STANDARD", standard);
        var bystander = data.console(standard, TestData.PASSWORD);
        String page = "/users/" + user.id() + "/second-factors/reset";
        assertThat(bystander.get(page).status()).isEqualTo(403);

        int mails = data.mailCount(user.email());
        var reset = adminSession.submit(page, page, Map.of());
        assertThat(reset.location()).endsWith("/users/" + user.id() + "/edit");
        assertThat(audit(user.id(), "SECOND_FACTORS_RESET", "SUCCESS")).isEqualTo(1);
        assertThat(data.awaitMailCount(user.email(), mails + 1)).isEqualTo(mails + 1);
        // the user's sessions end; the password alone signs in again
        assertThat(userSession.get("/").location()).contains("/login");
        var again = new ConsoleSession(data.baseUrl());
        assertThat(again.signIn(user.email(), TestData.PASSWORD).location()).doesNotContain(CHALLENGE);
        assertThat(again.get("/").status()).isEqualTo(200);
        // and another organisation's Admin does not find the user
        Org other = data.organization("Other Factor Ltd");
        String otherAdmin = TestData.email("other-admin");
        data.activeUser(other.owner(), "ADMIN", otherAdmin);
        assertThat(data.console(otherAdmin, TestData.PASSWORD).get(page).status())
                .isEqualTo(404);
    }

    // ---- helpers ----

    private String enrolledSecret = "";

    private Enrolled enrol(String role) {
        String email = TestData.email("factor-" + role.toLowerCase(Locale.ROOT));
        UUID id = data.activeUser(org.owner(), role, email);
        return enrolExisting(email, id);
    }

    /** Enrols an authenticator app through the pages, with the code of the current step. */
    private Enrolled enrolExisting(String email, UUID id) {
        var session = data.console(email, TestData.PASSWORD);
        session.submit("/profile/security", "/profile/security/app", Map.of());
        String secret = secretOn(session);
        var wrong = session.submit("/profile/security", "/profile/security/app/confirm", Map.of("code", "12345"));
        assertThat(wrong.body()).contains("current code: enter the six digits");
        var confirmed =
                session.submit("/profile/security", "/profile/security/app/confirm", Map.of("code", code(secret, 0)));
        assertThat(confirmed.location()).endsWith("/profile/security");
        String page = session.get("/profile/security").body();
        List<String> codes = new ArrayList<>();
        Matcher m = RECOVERY.matcher(page);
        while (m.find()) {
            codes.add(m.group(1));
        }
        assertThat(session.get("/profile/security").body())
                .as("recovery codes are shown once")
                .doesNotContain(codes.get(0));
        enrolledSecret = secret;
        return new Enrolled(email, id, secret, codes);
    }

    private static String secretOn(ConsoleSession session) {
        Matcher m = SECRET.matcher(session.get("/profile/security").body());
        assertThat(m.find()).as("the secret is shown for typing").isTrue();
        return m.group(1);
    }

    /** A session that has given the right password and owes the second factor. */
    private ConsoleSession challenged(String email) {
        var session = new ConsoleSession(data.baseUrl());
        assertThat(session.signIn(email, TestData.PASSWORD).location()).endsWith(CHALLENGE);
        return session;
    }

    private ConsoleSession signInWithCode(String email, String secret) {
        clock.advance(Duration.ofSeconds(30));
        var session = challenged(email);
        assertThat(session.submit(CHALLENGE, CHALLENGE, Map.of("code", code(secret, 0)))
                        .location())
                .endsWith("/");
        return session;
    }

    /** The app's code {@code steps} time steps from the console's clock, as an authenticator app computes it. */
    private String code(String secret, int steps) {
        var generator = new TimeBasedOneTimePasswordGenerator();
        Instant at = clock.instant().plus(generator.getTimeStep().multipliedBy(steps));
        try {
            return String.format(
                    Locale.ROOT,
                    "%06d",
                    generator.generateOneTimePassword(new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), at));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private UUID ownerId() {
        return data.jdbc()
                .sql("SELECT id FROM app_user WHERE lower(email) = lower(:e)")
                .param("e", org.ownerEmail())
                .query(UUID.class)
                .single();
    }

    private long audit(UUID target, String action, String outcome) {
        return data.jdbc()
                .sql("SELECT count(*) FROM audit_event WHERE target_id = :t AND action = :a AND outcome = :o")
                .param("t", target.toString())
                .param("a", action)
                .param("o", outcome)
                .query(Long.class)
                .single();
    }
}
