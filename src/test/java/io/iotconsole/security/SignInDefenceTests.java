package io.iotconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.customer.CustomerTestSupport;
import io.iotconsole.shared.Tokens;
import io.iotconsole.support.Api;
import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import io.iotconsole.support.TestData.Org;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Sign-in under attack, over real HTTP against the real database: a parallel burst gets no more password checks than
 * the limit; a password change by any path voids older links; every sign-in surface answers known, unknown and
 * locked accounts alike, in words and in time.
 */
@IntegrationTest
class SignInDefenceTests {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final int LIMIT = 10; // console.login.lock-after-per-account (default)
    private static final int BURST = 40;
    private static final int TRIES = 20;
    private static final int ROUNDS = 3;

    @Autowired
    TestData data;

    @Autowired
    PasswordEncoder encoder;

    Org acme;

    /** Addresses nobody has, made before the clock starts. */
    Iterator<String> ghosts;

    @BeforeEach
    void organization() {
        acme = data.organization("Defence Ltd");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 2 * ROUNDS * 2 * (TRIES + 3); i++) {
            made.add(TestData.email("ghost"));
        }
        ghosts = made.iterator();
    }

    // ---- a parallel burst gets no more tries than the limit ----

    @Test
    void aParallelBurstAtTheTokenEndpointGetsNoMorePasswordChecksThanTheLimitAndLocks() {
        String email = TestData.email("burst-api");
        data.activeUser(acme.owner(), "OWNER", email);
        List<Api.Response> answers = parallel(BURST, i -> data.api().tokenResponse(email, "wrong-password-" + i));
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(failures(email, "wrong credentials%")).isBetween(1L, (long) LIMIT);
        assertThat(failures(email, "locked%")).isEqualTo(BURST - failures(email, "wrong credentials%"));
        var right = data.api().tokenResponse(email, TestData.PASSWORD);
        right.expect(401);
        assertThat(right.json().get("error_description").asString()).contains("Too many failed sign-ins");
    }

    @Test
    void aParallelBurstAtTheConsoleFormGetsNoMorePasswordChecksThanTheLimitAndLocks() {
        String email = TestData.email("burst-form");
        data.activeUser(acme.owner(), "STANDARD", email);
        List<ConsoleSession> browsers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            var browser = new ConsoleSession(data.baseUrl());
            Matcher m = CSRF.matcher(browser.get("/login").body());
            assertThat(m.find()).isTrue();
            browsers.add(browser);
            tokens.add(m.group(1));
        }
        List<ConsoleSession.Page> answers = parallel(
                BURST,
                i -> browsers.get(i)
                        .postForm(
                                "/login",
                                Map.of("email", email, "password", "wrong-password-" + i, "_csrf", tokens.get(i))));
        assertThat(answers).allSatisfy(p -> assertThat(p.location()).endsWith("/login?error"));
        long checked = failures(email, "wrong credentials%");
        assertThat(checked).isBetween(1L, (long) LIMIT);
        assertThat(failures(email, "locked%")).isEqualTo(BURST - checked);
        var session = new ConsoleSession(data.baseUrl());
        assertThat(session.signIn(email, TestData.PASSWORD).location()).endsWith("/login?error");
        assertThat(session.get("/login?error").body()).contains("Too many failed sign-ins");
    }

    @Test
    void aParallelBurstAtTheCustomerAppGetsNoMorePasswordChecksThanTheLimitAndLocks() {
        String email = TestData.email("burst-app");
        String id = customerWithPassword(email);
        List<Api.Response> answers = parallel(BURST, i -> appLogin(email, "wrong-password-" + i));
        long refused = answers.stream().filter(r -> r.status() == 401).count();
        long locked = answers.stream().filter(r -> r.status() == 429).count();
        assertThat(refused + locked).isEqualTo(BURST);
        assertThat(refused).isBetween(1L, (long) LIMIT);
        assertThat(customerFailures(id, "wrong password")).isEqualTo(refused);
        assertThat(customerFailures(email, "locked%")).isEqualTo(locked);
        appLogin(email, "customer-password-1").expect(429);
    }

    // ---- a password change by any path voids older links ----

    @Test
    void aResetLinkIssuedBeforeAPasswordChangeOnTheProfilePageFailsAfterIt() {
        String email = TestData.email("voided");
        data.activeUser(acme.owner(), "STANDARD", email);
        int mails = data.awaitMailCount(email, 1);
        data.api().post("/api/v1/password-reset", Map.of("email", email)).expect(202);
        String old = data.linkTokenAfter(email, "reset-password", mails);

        var here = new ConsoleSession(data.baseUrl());
        here.signIn(email, TestData.PASSWORD);
        var changed = here.submit(
                "/profile",
                "/profile/password",
                Map.of(
                        "currentPassword",
                        TestData.PASSWORD,
                        "newPassword",
                        "changed-on-profile-1",
                        "confirmation",
                        "changed-on-profile-1"));
        assertThat(changed.location()).endsWith("/profile");

        var page = new ConsoleSession(data.baseUrl()).get("/reset-password?token=" + old);
        assertThat(page.status()).isEqualTo(410);
        var used = data.api()
                .post("/api/v1/password-reset/confirm", Map.of("token", old, "password", "attacker-password-1"));
        used.expect(400);
        assertThat(used.fieldError("token")).contains("not valid");
        assertThat(new ConsoleSession(data.baseUrl())
                        .signIn(email, "changed-on-profile-1")
                        .location())
                .endsWith("/");
    }

    @Test
    void aLinkIssuedBeforeAnActivationOrAResetFailsAfterIt() {
        // a new link revokes the user's older ones, so a second live link is written straight into the database
        String email = TestData.email("paths");
        var created = acme.owner()
                .post(
                        "/api/v1/users",
                        Map.of("firstName", "Pat", "lastName", "Paths", "email", email, "role", "STANDARD"))
                .expect(201);
        UUID id = UUID.fromString(created.json().get("id").asString());
        String beforeActivation = liveUserLink(id, "RESET");
        data.activate(email, TestData.PASSWORD);
        data.api()
                .post(
                        "/api/v1/password-reset/confirm",
                        Map.of("token", beforeActivation, "password", "attacker-password-1"))
                .expect(400);

        int mails = data.awaitMailCount(email, 1);
        data.api().post("/api/v1/password-reset", Map.of("email", email)).expect(202);
        String reset = data.linkTokenAfter(email, "reset-password", mails);
        String beforeReset = liveUserLink(id, "RESET");
        data.api()
                .post("/api/v1/password-reset/confirm", Map.of("token", reset, "password", "reset-password-one-1"))
                .expect(204);
        var stale = data.api()
                .post(
                        "/api/v1/password-reset/confirm",
                        Map.of("token", beforeReset, "password", "attacker-password-1"));
        stale.expect(400);
        assertThat(stale.fieldError("token")).contains("not valid");
        assertThat(new ConsoleSession(data.baseUrl())
                        .signIn(email, "reset-password-one-1")
                        .location())
                .endsWith("/");
    }

    @Test
    void aCustomersSetPasswordLinkFailsAfterTheConsoleOrTheCustomerSetAPassword() {
        String email = TestData.email("cust-link");
        String id = CustomerTestSupport.create(acme.owner(), "Cara", "Linked", email);
        String link = data.linkToken(email, "app/set-password");
        acme.owner()
                .post("/api/v1/customers/" + id + "/password", Map.of("password", "console-set-password-1"))
                .expect(204);
        var app = new ConsoleSession(data.baseUrl());
        assertThat(app.get("/app/set-password?token=" + link).status()).isEqualTo(410);
        var refused = app.submit(
                "/app/forgot-password",
                "/app/set-password",
                Map.of("token", link, "password", "attacker-password-1", "confirmation", "attacker-password-1"));
        assertThat(refused.body()).contains("This link has expired or was used already");
        appLogin(email, "attacker-password-1").expect(401);
        String token = appLogin(email, "console-set-password-1")
                .expect(200)
                .json()
                .get("token")
                .asString();

        // the customer's own change in the app voids a link issued before it too
        String beforeOwnChange = liveCustomerLink(UUID.fromString(id));
        data.api()
                .withToken(token)
                .post(
                        "/app/api/v1/password",
                        Map.of("current", "console-set-password-1", "password", "own-new-password-1"))
                .expect(200);
        // its page says so before anything is typed, and a form posted anyway is refused
        var attacker = new ConsoleSession(data.baseUrl());
        var page = attacker.get("/app/set-password?token=" + beforeOwnChange);
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.body())
                .contains("This link has expired or was used already")
                .doesNotContain("id=\"set-password-form\"");
        var stale = attacker.submit(
                "/app/forgot-password",
                "/app/set-password",
                Map.of(
                        "token",
                        beforeOwnChange,
                        "password",
                        "attacker-password-1",
                        "confirmation",
                        "attacker-password-1"));
        assertThat(stale.body()).contains("This link has expired or was used already");
        appLogin(email, "own-new-password-1").expect(200);
    }

    // ---- every surface answers known, unknown and locked accounts alike, in words and in time ----

    @Test
    void theTokenEndpointAnswersAWrongPasswordAnUnknownAccountAndAnAdminsRightPasswordAlike() {
        String admin = TestData.email("admin");
        data.activeUser(acme.owner(), "ADMIN", admin);
        var wrong = data.api().tokenResponse(acme.ownerEmail(), "wrong-password-1");
        var unknown = data.api().tokenResponse(TestData.email("ghost"), "wrong-password-1");
        var adminsRight = data.api().tokenResponse(admin, TestData.PASSWORD);
        for (var r : List.of(wrong, unknown, adminsRight)) {
            r.expect(401);
            assertThat(r.json().get("error").asString()).isEqualTo("invalid_client");
        }
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(adminsRight.body()).isEqualTo(wrong.body());
        assertThat(adminsRight.body()).doesNotContain("Management API");
        // the Admin's right password is counted as a failure, like a wrong one, and audited as a refusal
        assertThat(failures(admin, "wrong credentials%")).isEqualTo(1);

        long margin = margin();
        String owner = acme.ownerEmail();
        Timing byTime = timing(
                () -> data.api().tokenResponse(owner, "wrong-password-x").body(),
                () -> data.api()
                        .tokenResponse(ghosts.next(), "wrong-password-x")
                        .body(),
                () -> data.api().token(owner, TestData.PASSWORD));
        byTime.assertAlike("token endpoint, known vs unknown e-mail", margin);
        Timing adminTime = timing(
                () -> data.api().tokenResponse(admin, TestData.PASSWORD).body(),
                () -> data.api().tokenResponse(owner, "wrong-password-x").body(),
                () -> {
                    new ConsoleSession(data.baseUrl()).signIn(admin, TestData.PASSWORD);
                    data.api().token(owner, TestData.PASSWORD);
                });
        adminTime.assertAlike("token endpoint, an Admin's right password vs a wrong one", margin);
    }

    @Test
    void theConsoleFormAnswersKnownAndUnknownAccountsAlike() {
        String owner = acme.ownerEmail();
        Timing t = timing(
                () -> new ConsoleSession(data.baseUrl())
                        .signIn(owner, "wrong-password-x")
                        .location(),
                () -> new ConsoleSession(data.baseUrl())
                        .signIn(ghosts.next(), "wrong-password-x")
                        .location(),
                () -> new ConsoleSession(data.baseUrl()).signIn(owner, TestData.PASSWORD));
        t.assertAlike("console form", margin());
    }

    @Test
    void theCustomerAppAnswersKnownAndUnknownCustomersAlike() {
        String email = TestData.email("cust-known");
        customerWithPassword(email);
        var wrong = appLogin(email, "wrong-password-1");
        var unknown = appLogin(TestData.email("ghost"), "wrong-password-1");
        wrong.expect(401);
        unknown.expect(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        Timing api = timing(
                () -> appLogin(email, "wrong-password-x").body(),
                () -> appLogin(ghosts.next(), "wrong-password-x").body(),
                () -> appLogin(email, "customer-password-1").expect(200));
        api.assertAlike("customer app JSON sign-in", margin());

        Timing form = timing(
                () -> withoutTyped(appForm(email, "wrong-password-x").body(), email),
                () -> {
                    String ghost = ghosts.next();
                    return withoutTyped(appForm(ghost, "wrong-password-x").body(), ghost);
                },
                () -> appLogin(email, "customer-password-1").expect(200));
        form.assertAlike("customer app form sign-in", margin());
        // every refusal is audited, for unknown e-mails too
        assertThat(data.jdbc()
                        .sql(
                                "SELECT count(*) FROM audit_event WHERE action = 'CUSTOMER_SIGN_IN' AND outcome = 'FAILURE'"
                                        + " AND organization_id = :org AND target_id IS NULL")
                        .param("org", acme.id())
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2L * TRIES);
    }

    @Test
    void lockedKnownAndUnknownAccountsAreAnsweredAlike() {
        String known = TestData.email("lock-known");
        data.activeUser(acme.owner(), "OWNER", known);
        String unknown = TestData.email("lock-ghost");
        for (int i = 0; i < LIMIT; i++) {
            data.api().tokenResponse(known, "wrong-password-" + i).expect(401);
            data.api().tokenResponse(unknown, "wrong-password-" + i).expect(401);
        }
        var lockedKnown = data.api().tokenResponse(known, TestData.PASSWORD);
        var lockedUnknown = data.api().tokenResponse(unknown, TestData.PASSWORD);
        lockedKnown.expect(401);
        assertThat(lockedKnown.body()).isEqualTo(lockedUnknown.body()).contains("Too many failed sign-ins");

        String customer = TestData.email("lock-cust");
        customerWithPassword(customer);
        String ghost = TestData.email("lock-cust-ghost");
        for (int i = 0; i < LIMIT; i++) {
            appLogin(customer, "wrong-password-" + i).expect(401);
            appLogin(ghost, "wrong-password-" + i).expect(401);
        }
        var customerLocked = appLogin(customer, "customer-password-1");
        var ghostLocked = appLogin(ghost, "customer-password-1");
        customerLocked.expect(429);
        assertThat(customerLocked.body()).isEqualTo(ghostLocked.body());
        assertThat(customerFailures(ghost, "locked%")).isEqualTo(1);
    }

    @Test
    void passwordResetRequestsAnswerKnownAndUnknownAddressesAlike() {
        String email = TestData.email("reset-known");
        data.activeUser(acme.owner(), "STANDARD", email);
        Timing api = timing(
                () -> data.api()
                        .post("/api/v1/password-reset", Map.of("email", email))
                        .body(),
                () -> data.api()
                        .post("/api/v1/password-reset", Map.of("email", ghosts.next()))
                        .body(),
                () -> {});
        api.assertAlike("password reset (API)", noHashMargin(api));
        var browser = new ConsoleSession(data.baseUrl());
        Timing form = timing(
                () -> withoutTyped(
                        browser.submit("/forgot-password", "/forgot-password", Map.of("email", email))
                                .body(),
                        email),
                () -> {
                    String ghost = ghosts.next();
                    return withoutTyped(
                            browser.submit("/forgot-password", "/forgot-password", Map.of("email", ghost))
                                    .body(),
                            ghost);
                },
                () -> {});
        form.assertAlike("password reset (console form)", noHashMargin(form));
        // the known address got its mails after the answers: the invitation and as many resets as an hour allows
        assertOneMailAndTheHourlyResets(email);
    }

    @Test
    void theCustomerAppsForgottenPasswordAnswersKnownAndUnknownCustomersAlikeAndItsLinkDiesWithTheNextChange() {
        String email = TestData.email("cust-forgot");
        customerWithPassword(email);
        Timing api = timing(
                () -> appReset(email).expect(202).body(),
                () -> appReset(ghosts.next()).expect(202).body(),
                () -> {});
        api.assertAlike("customer app password reset (JSON)", noHashMargin(api));
        var browser = new ConsoleSession(data.baseUrl());
        Timing form = timing(
                () -> withoutTyped(appResetForm(browser, email).body(), email),
                () -> {
                    String ghost = ghosts.next();
                    return withoutTyped(appResetForm(browser, ghost).body(), ghost);
                },
                () -> {});
        form.assertAlike("customer app password reset (form)", noHashMargin(form));

        // the welcome mail and as many reset mails as an hour allows, however many were asked for
        assertOneMailAndTheHourlyResets(email);

        // the newest link sets a new password, once; the one before it was revoked when it was issued
        String linked = TestData.email("cust-forgot-links");
        customerWithPassword(linked);
        int mails = data.awaitMailCount(linked, 1);
        appReset(linked).expect(202);
        String link = data.linkTokenAfter(linked, "app/set-password", mails);
        var app = new ConsoleSession(data.baseUrl());
        var set = app.submit(
                "/app/set-password?token=" + link,
                "/app/set-password",
                Map.of("token", link, "password", "reset-in-app-1", "confirmation", "reset-in-app-1"));
        assertThat(set.location()).endsWith("/app/login?passwordSet");
        appLogin(linked, "reset-in-app-1").expect(200);
        appLogin(linked, "customer-password-1").expect(401);

        // a link asked for before the console sets a password fails after it
        mails = data.awaitMailCount(linked, mails + 1);
        appReset(linked).expect(202);
        String before = data.linkTokenAfter(linked, "app/set-password", mails);
        String id = data.jdbc()
                .sql("SELECT id::text FROM customer WHERE lower(email) = lower(:e)")
                .param("e", linked)
                .query(String.class)
                .single();
        acme.owner()
                .post("/api/v1/customers/" + id + "/password", Map.of("password", "console-set-password-2"))
                .expect(204);
        var stale = new ConsoleSession(data.baseUrl())
                .submit(
                        "/app/forgot-password",
                        "/app/set-password",
                        Map.of(
                                "token",
                                before,
                                "password",
                                "attacker-password-1",
                                "confirmation",
                                "attacker-password-1"));
        assertThat(stale.body()).contains("This link has expired or was used already");
    }

    @Test
    void signUpAnswersTakenAndFreeAddressesAlike() {
        String taken = acme.ownerEmail();
        var browser = new ConsoleSession(data.baseUrl());
        List<String> created = new ArrayList<>();
        Timing t = timing(
                () -> withoutTyped(signUp(browser, taken).body(), taken),
                () -> {
                    String free = ghosts.next();
                    created.add(free);
                    return withoutTyped(signUp(browser, free).body(), free);
                },
                () -> {});
        t.assertAlike("sign-up", noHashMargin(t));
        assertThat(data.awaitMailCount(created.get(created.size() - 1), 1)).isEqualTo(1);
    }

    // ---- helpers ----

    private ConsoleSession.Page signUp(ConsoleSession browser, String email) {
        return browser.submit(
                "/signup",
                "/signup",
                Map.of("name", "Signup Co", "firstName", "Sue", "lastName", "Signup", "email", email));
    }

    private String customerWithPassword(String email) {
        String id = CustomerTestSupport.create(acme.owner(), "Cy", "Customer", email);
        acme.owner()
                .post("/api/v1/customers/" + id + "/password", Map.of("password", "customer-password-1"))
                .expect(204);
        return id;
    }

    private Api.Response appLogin(String email, String password) {
        return data.api()
                .post(
                        "/app/api/v1/login",
                        Map.of("email", email, "password", password, "accountNumber", acme.accountNumber()));
    }

    private Api.Response appReset(String email) {
        return data.api()
                .post("/app/api/v1/password-reset", Map.of("email", email, "accountNumber", acme.accountNumber()));
    }

    private ConsoleSession.Page appResetForm(ConsoleSession browser, String email) {
        return browser.submit(
                "/app/forgot-password",
                "/app/forgot-password",
                Map.of("account", acme.accountNumber(), "email", email));
    }

    private ConsoleSession.Page appForm(String email, String password) {
        return new ConsoleSession(data.baseUrl())
                .submit(
                        "/app/login",
                        "/app/login",
                        Map.of("account", acme.accountNumber(), "email", email, "password", password));
    }

    /** Failed console or API sign-ins of the login, by the audit entry's detail. */
    private long failures(String login, String detailLike) {
        return data.jdbc()
                .sql("SELECT count(*) FROM audit_event WHERE action = 'SIGN_IN' AND outcome = 'FAILURE'"
                        + " AND lower(target_label) LIKE :login AND detail LIKE :detail")
                .param("login", "%" + login.toLowerCase() + "%")
                .param("detail", detailLike)
                .query(Long.class)
                .single();
    }

    /** Refused customer sign-ins, by customer id or typed e-mail, and the entry's detail. */
    private long customerFailures(String idOrEmail, String detailLike) {
        return data.jdbc()
                .sql("SELECT count(*) FROM audit_event WHERE action = 'CUSTOMER_SIGN_IN' AND outcome = 'FAILURE'"
                        + " AND (target_id = :k OR lower(target_label) LIKE :like) AND detail LIKE :detail")
                .param("k", idOrEmail)
                .param("like", "%" + idOrEmail.toLowerCase() + "%")
                .param("detail", detailLike)
                .query(Long.class)
                .single();
    }

    /** A live link of the user, written as the console writes one; answers its token. */
    private String liveUserLink(UUID userId, String purpose) {
        String token = Tokens.newToken();
        data.jdbc()
                .sql("INSERT INTO user_link_token (token_hash, user_id, organization_id, purpose, expires_at)"
                        + " VALUES (:h, :u, :o, :p, now() + interval '1 hour')")
                .param("h", Tokens.hash(token))
                .param("u", userId)
                .param("o", acme.id())
                .param("p", purpose)
                .update();
        return token;
    }

    private String liveCustomerLink(UUID customerId) {
        String token = Tokens.newToken();
        data.jdbc()
                .sql("INSERT INTO customer_link (token_hash, organization_id, customer_id, expires_at)"
                        + " VALUES (:h, :o, :c, now() + interval '1 hour')")
                .param("h", Tokens.hash(token))
                .param("o", acme.id())
                .param("c", customerId)
                .update();
        return token;
    }

    private static String withoutCsrf(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "").replaceAll("data-csrf-token=\"[^\"]+\"", "");
    }

    /** The page with the typed e-mail taken out: a form shows back what was typed, whoever it belongs to. */
    private static String withoutTyped(String page, String email) {
        return withoutCsrf(page).replace(email, "(typed e-mail)");
    }

    private interface Call<T> {
        T call(int i) throws Exception;
    }

    /** Starts {@code n} calls at once and answers their results. */
    private static <T> List<T> parallel(int n, Call<T> call) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call(k);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The median time of one Argon2id check in this JVM, the one the server runs in. */
    private long hashNanos() {
        String hash = encoder.encode("some-password-123");
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            long t0 = System.nanoTime();
            encoder.matches("other-password-123", hash);
            times.add(System.nanoTime() - t0);
        }
        return median(times);
    }

    /** Surfaces that check a password: medians may differ by at most 30% of one hash. */
    private long margin() {
        return hashNanos() * 3 / 10;
    }

    /**
     * Surfaces without a password check answer in a few milliseconds: the medians may differ by at most 1 ms or a
     * quarter of the quicker one, whichever is more (a database round trip more for known addresses is caught).
     */
    private static long noHashMargin(Timing t) {
        return Math.max(1_000_000L, Math.min(t.knownMedian(), t.unknownMedian()) / 4);
    }

    /** Medians of one measurement, and how to measure again. */
    private record Timing(
            List<Long> known, List<Long> unknown, String knownAnswer, String unknownAnswer, Supplier<Timing> again) {
        long knownMedian() {
            return median(known);
        }

        long unknownMedian() {
            return median(unknown);
        }

        /**
         * The answers must be equal; the medians within the margin. This machine is shared, so a measurement whose
         * medians are too far apart is taken again, up to {@value #ROUNDS} times in all: a real difference (a missing
         * hash, a database round trip more) shows in every round, a burst of load from elsewhere does not.
         */
        void assertAlike(String surface, long marginNanos) {
            Timing t = this;
            for (int round = 1; ; round++) {
                assertThat(t.unknownAnswer).as(surface + ": the same answer").isEqualTo(t.knownAnswer);
                long difference = Math.abs(t.knownMedian() - t.unknownMedian());
                System.out.printf(
                        "%s (round %d): median known %.1f ms, unknown %.1f ms, difference %.1f ms (margin %.1f ms)%n",
                        surface,
                        round,
                        t.knownMedian() / 1e6,
                        t.unknownMedian() / 1e6,
                        difference / 1e6,
                        marginNanos / 1e6);
                if (difference <= marginNanos || round == ROUNDS) {
                    assertThat(difference)
                            .as(
                                    "%s: median known %.1f ms vs unknown %.1f ms, %d rounds",
                                    surface, t.knownMedian() / 1e6, t.unknownMedian() / 1e6, round)
                            .isLessThanOrEqualTo(marginNanos);
                    return;
                }
                t = t.again().get();
            }
        }
    }

    /**
     * Times {@code known} and {@code unknown} {@value #TRIES} times each after a warm-up, in alternating order, each
     * call on its own (a pause after it lets work done beside the answer finish), running {@code between} (not timed)
     * after each pair, e.g. a right sign-in that forgives the known account's failure.
     */
    private static Timing timing(Supplier<String> known, Supplier<String> unknown, Runnable between) {
        List<Long> k = new ArrayList<>();
        List<Long> u = new ArrayList<>();
        String knownAnswer = null;
        String unknownAnswer = null;
        for (int i = -3; i < TRIES; i++) {
            long[] kt = new long[1];
            long[] ut = new long[1];
            String a;
            String b;
            if (i % 2 == 0) {
                a = timed(known, kt);
                b = timed(unknown, ut);
            } else {
                b = timed(unknown, ut);
                a = timed(known, kt);
            }
            between.run();
            if (i >= 0) {
                k.add(kt[0]);
                u.add(ut[0]);
                knownAnswer = a;
                unknownAnswer = b;
            }
        }
        return new Timing(k, u, knownAnswer, unknownAnswer, () -> timing(known, unknown, between));
    }

    private static String timed(Supplier<String> call, long[] nanos) {
        long t0 = System.nanoTime();
        String answer = call.get();
        nanos[0] = System.nanoTime() - t0;
        TestData.sleep(100);
        return answer;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The first mail and as many reset mails as an hour allows, and no more once the late requests are through. */
    private void assertOneMailAndTheHourlyResets(String email) {
        assertThat(data.awaitMailCount(email, 1 + ResetMailThrottle.PER_HOUR))
                .isEqualTo(1 + ResetMailThrottle.PER_HOUR);
        sleepQuietly(1_000);
        assertThat(data.mailCount(email))
                .as("reset mails past the hourly limit")
                .isEqualTo(1 + ResetMailThrottle.PER_HOUR);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
