package io.iotconsole.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The white-label customer app: each organisation's own address, name, colour and logo (set on the console's
 * settings page), signing in there with e-mail and password only, a forgotten password by e-mail, and changing the
 * password with the current one (never during remote assistance).
 */
@IntegrationTest
class CustomerAppTests {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Pattern LOGIN_ERROR = Pattern.compile("id=\"login-error\">([^<]*)<");

    @Autowired
    TestData data;

    private static String address(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000 + "-" + SEQ.incrementAndGet();
    }

    /** A customer of the organisation with a password. */
    private String customer(TestData.Org org, String email, String password) {
        String id = CustomerTestSupport.create(org.owner(), "Cleo", "Customer", email);
        org.owner()
                .post("/api/v1/customers/" + id + "/password", Map.of("password", password))
                .expect(204);
        return id;
    }

    private static ConsoleSession.Page save(ConsoleSession owner, String slug, String name, String color) {
        return owner.submit("/app-settings", "/app-settings", Map.of("slug", slug, "name", name, "color", color));
    }

    private String slugInDatabase(UUID org) {
        return data.jdbc()
                .sql("SELECT coalesce(max(slug), '') FROM customer_app WHERE organization_id = :id")
                .param("id", org)
                .query(String.class)
                .single();
    }

    @Test
    void everyOrganisationHasAnAppAddressFromTheStartAndChoosesItsOwnWithinTheRules() {
        var org = data.organization("Address Co");
        var other = data.organization("Other Address Co");
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);

        var page = owner.get("/app-settings");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/app/" + org.accountNumber() + "/login");
        assertThat(new ConsoleSession(data.baseUrl())
                        .get("/app/" + org.accountNumber() + "/login")
                        .status())
                .isEqualTo(200);

        for (String bad : new String[] {"ab", "9lives", "ends-", "under_score", "spa ce", "x".repeat(41)}) {
            var refused = save(owner, bad, "Acme Home", "#0a7d3b");
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body()).as(bad).contains(CustomerAppSettings.SLUG_RULE, "aria-invalid=\"true\"");
            assertThat(refused.body()).as("the name typed is kept").contains("value=\"Acme Home\"");
        }
        assertThat(save(owner, "api", "", "").body()).contains("reserved by the app itself");
        assertThat(save(owner, "fine-name", "", "red").body())
                .contains("six hexadecimal digits")
                .contains("value=\"fine-name\"");
        assertThat(slugInDatabase(org.id())).as("nothing written half-way").isEmpty();

        String slug = address("acme");
        var saved = save(owner, slug.toUpperCase(), "<b>Acme</b> Home", "#0A7D3B");
        assertThat(saved.location()).contains("/app-settings?saved");
        assertThat(slugInDatabase(org.id())).isEqualTo(slug);
        String shown = owner.get("/app-settings").body();
        assertThat(shown).contains("/app/" + slug + "/login", "&lt;b&gt;Acme&lt;/b&gt; Home", "#0a7d3b");
        assertThat(shown).doesNotContain("<b>Acme</b>");

        var otherOwner = data.console(other.ownerEmail(), TestData.PASSWORD);
        var taken = save(otherOwner, slug, "", "");
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.body()).contains("This address is taken");

        // the app's pages carry the name (as text), the colour (validated) and the text colour readable on it
        String login = new ConsoleSession(data.baseUrl())
                .get("/app/" + slug + "/login")
                .body();
        assertThat(login).contains("&lt;b&gt;Acme&lt;/b&gt; Home", "--brand:#0a7d3b;--on-brand:#ffffff");
        assertThat(login).doesNotContain("name=\"account\"");
        // the account number's address still finds the app, and sends to its chosen address
        assertThat(new ConsoleSession(data.baseUrl())
                        .get("/app/" + org.accountNumber() + "/login")
                        .location())
                .endsWith("/app/" + slug + "/login");
        assertThat(new ConsoleSession(data.baseUrl())
                        .get("/app/no-such-app-here/login")
                        .status())
                .isEqualTo(404);

        // back to the default
        assertThat(save(owner, "", "", "").location()).contains("saved");
        assertThat(slugInDatabase(org.id())).isEmpty();
        assertThat(org.owner()
                        .get("/api/v1/audit-events?action=CUSTOMER_APP_CHANGED")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void theSettingsAreForOwnersAndAdminsOfTheirOwnOrganisationAndTheOperatorsForAny() {
        var org = data.organization("Settings Co");
        var other = data.organization("Settings Other Co");
        String standard = TestData.email("std-app");
        data.activeUser(org.owner(), "STANDARD", standard);
        String admin = TestData.email("adm-app");
        data.activeUser(org.owner(), "ADMIN", admin);

        assertThat(data.console(standard, TestData.PASSWORD)
                        .get("/app-settings")
                        .status())
                .isEqualTo(403);
        assertThat(data.console(standard, TestData.PASSWORD).get("/customers").body())
                .doesNotContain("id=\"app-settings-link\"");
        var adminSession = data.console(admin, TestData.PASSWORD);
        assertThat(adminSession.get("/customers").body()).contains("id=\"app-settings-link\"");
        assertThat(adminSession.get("/app-settings").status()).isEqualTo(200);
        assertThat(adminSession
                        .get("/app-settings?organizationId=" + other.id())
                        .status())
                .isEqualTo(404);

        var operator = data.console(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        String slug = address("operated");
        var saved = operator.submit(
                "/app-settings?organizationId=" + other.id(),
                "/app-settings?organizationId=" + other.id(),
                Map.of("slug", slug, "name", "", "color", ""));
        assertThat(saved.location()).contains("saved");
        assertThat(slugInDatabase(other.id())).isEqualTo(slug);
        assertThat(slugInDatabase(org.id())).isEmpty();
    }

    @Test
    void aCustomerSignsInAtTheAppsAddressWithEMailAndPasswordAndAnotherOrganisationsCustomerIsRefusedAlike() {
        var org = data.organization("Sign In App Co");
        var other = data.organization("Sign In Other Co");
        String slug = address("signin");
        assertThat(save(data.console(org.ownerEmail(), TestData.PASSWORD), slug, "Sunny Home", "#ffd400")
                        .location())
                .contains("saved");
        String email = TestData.email("app-cust");
        customer(org, email, "customer-pass-1");
        String stranger = TestData.email("app-stranger");
        customer(other, stranger, "customer-pass-1");

        var browser = new ConsoleSession(data.baseUrl());
        var signedIn = browser.submit(
                "/app/" + slug + "/login",
                "/app/" + slug + "/login",
                Map.of("email", email.toUpperCase(), "password", "customer-pass-1"));
        assertThat(signedIn.location()).endsWith("/app");
        var home = browser.get("/app");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Hello, Cleo", "Sunny Home", "--brand:#ffd400;--on-brand:#000000");
        // signing out goes back to the app's own address, which the general sign-in page remembers
        assertThat(browser.submit("/app", "/app/logout", Map.of()).location()).endsWith("/app/" + slug + "/login");
        assertThat(browser.get("/app/login").location()).endsWith("/app/" + slug + "/login");

        var wrongPassword = new ConsoleSession(data.baseUrl())
                .submit(
                        "/app/" + slug + "/login",
                        "/app/" + slug + "/login",
                        Map.of("email", email, "password", "not-the-password"));
        var otherOrganisations = new ConsoleSession(data.baseUrl())
                .submit(
                        "/app/" + slug + "/login",
                        "/app/" + slug + "/login",
                        Map.of("email", stranger, "password", "customer-pass-1"));
        var unknown = new ConsoleSession(data.baseUrl())
                .submit(
                        "/app/" + slug + "/login",
                        "/app/" + slug + "/login",
                        Map.of("email", TestData.email("nobody"), "password", "customer-pass-1"));
        for (var refused : new ConsoleSession.Page[] {wrongPassword, otherOrganisations, unknown}) {
            assertThat(refused.status()).isEqualTo(401);
            Matcher m = LOGIN_ERROR.matcher(refused.body());
            assertThat(m.find()).isTrue();
            assertThat(m.group(1)).isEqualTo("Wrong e-mail or password.");
            assertThat(refused.body()).contains("value=\"" + (refused == wrongPassword ? email : ""));
        }
        // the stranger signs in at their own organisation's app
        assertThat(new ConsoleSession(data.baseUrl())
                        .submit(
                                "/app/" + other.accountNumber() + "/login",
                                "/app/" + other.accountNumber() + "/login",
                                Map.of("email", stranger, "password", "customer-pass-1"))
                        .location())
                .endsWith("/app");
        // the mobile app names the app by its address too
        String token = data.api()
                .post("/app/api/v1/login", Map.of("email", email, "password", "customer-pass-1", "app", slug))
                .expect(200)
                .json()
                .get("token")
                .asString();
        data.api().withToken(token).get("/app/api/v1/me").expect(200);
        assertThat(data.api()
                        .post(
                                "/app/api/v1/login",
                                Map.of("email", stranger, "password", "customer-pass-1", "app", slug))
                        .expect(401)
                        .body())
                .contains("Wrong e-mail or password.");
    }

    @Test
    void aForgottenPasswordAtTheAppsAddressMailsAOneTimeLinkToItAndAnswersTheSameForAnyAddress() {
        var org = data.organization("Forgot App Co");
        var other = data.organization("Forgot Other Co");
        String slug = address("forgot");
        save(data.console(org.ownerEmail(), TestData.PASSWORD), slug, "", "");
        String email = TestData.email("forgetful");
        customer(org, email, "customer-pass-1");
        String stranger = TestData.email("forgot-stranger");
        customer(other, stranger, "customer-pass-1");
        // the welcome mails (a link to set a first password) are delivered first
        int mails = data.awaitMailCount(email, 1);
        int strangerMails = data.awaitMailCount(stranger, 1);

        String known = new ConsoleSession(data.baseUrl())
                .submit(
                        "/app/" + slug + "/forgot-password",
                        "/app/" + slug + "/forgot-password",
                        Map.of("email", email))
                .body();
        String unknown = new ConsoleSession(data.baseUrl())
                .submit(
                        "/app/" + slug + "/forgot-password",
                        "/app/" + slug + "/forgot-password",
                        Map.of("email", TestData.email("nobody")))
                .body();
        String elsewhere = new ConsoleSession(data.baseUrl())
                .submit(
                        "/app/" + slug + "/forgot-password",
                        "/app/" + slug + "/forgot-password",
                        Map.of("email", stranger))
                .body();
        assertThat(known).contains(CustomerApp.RESET_SENT);
        assertThat(unknown).isEqualTo(known.replace(email, TestData.email("nobody")));
        assertThat(elsewhere).contains(CustomerApp.RESET_SENT);

        String link = data.linkUrl(email, "app/set-password");
        assertThat(data.awaitMailCount(email, mails + 1)).isEqualTo(mails + 1);
        assertThat(link).contains("/app/" + slug + "/set-password?token=");
        String token = data.linkTokenAfter(email, "app/set-password", mails);
        String path = "/app/" + slug + "/set-password";
        var browser = new ConsoleSession(data.baseUrl());
        var set = browser.submit(
                path + "?token=" + token,
                path,
                Map.of("token", token, "password", "brand-new-pass-2", "confirmation", "brand-new-pass-2"));
        assertThat(set.location()).endsWith("/app/" + slug + "/login?passwordSet");
        var used = browser.get(path + "?token=" + token);
        assertThat(used.status()).isEqualTo(410);
        assertThat(used.body()).contains("This link has expired or was used already");
        var again = browser.submit(
                "/app/" + slug + "/login",
                path,
                Map.of("token", token, "password", "other-new-pass-3", "confirmation", "other-new-pass-3"));
        assertThat(again.body()).contains("This link has expired or was used already");
        assertThat(new ConsoleSession(data.baseUrl())
                        .submit(
                                "/app/" + slug + "/login",
                                "/app/" + slug + "/login",
                                Map.of("email", email, "password", "brand-new-pass-2"))
                        .location())
                .endsWith("/app");
        TestData.sleep(500);
        assertThat(data.mailCount(stranger))
                .as("no mail for another organisation's customer")
                .isEqualTo(strangerMails);
    }

    @Test
    void changingThePasswordAsksForTheCurrentOneKeepsWhatWasTypedAndIsThrottled() {
        var org = data.organization("Change App Co");
        String email = TestData.email("changer");
        customer(org, email, "customer-pass-1");
        var browser = new ConsoleSession(data.baseUrl());
        String login = "/app/" + org.accountNumber() + "/login";
        browser.submit(login, login, Map.of("email", email, "password", "customer-pass-1"));

        var wrong = browser.submit(
                "/app/password",
                "/app/password",
                Map.of("current", "not-my-password", "password", "next-pass-22", "confirmation", "next-pass-22"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body())
                .contains("This is not your current password", "aria-describedby=\"current-error\"")
                .contains("value=\"next-pass-22\"");
        var missing = browser.submit(
                "/app/password", "/app/password", Map.of("password", "next-pass-22", "confirmation", "next-pass-22"));
        assertThat(missing.body()).contains("This is not your current password");

        String token = data.api()
                .post(
                        "/app/api/v1/login",
                        Map.of("email", email, "password", "customer-pass-1", "accountNumber", org.accountNumber()))
                .expect(200)
                .json()
                .get("token")
                .asString();
        assertThat(data.api()
                        .withToken(token)
                        .post("/app/api/v1/password", Map.of("password", "next-pass-22"))
                        .expect(400)
                        .fieldError("current"))
                .contains("not your current password");

        // wrong current passwords count like failed sign-ins: after the limit even the right one is refused
        for (int i = 0; i < 10; i++) {
            browser.submit(
                    "/app/password",
                    "/app/password",
                    Map.of("current", "guess-" + i, "password", "next-pass-22", "confirmation", "next-pass-22"));
        }
        var locked = browser.submit(
                "/app/password",
                "/app/password",
                Map.of("current", "customer-pass-1", "password", "next-pass-22", "confirmation", "next-pass-22"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("Too many failed");
        data.api()
                .withToken(token)
                .post("/app/api/v1/password", Map.of("current", "customer-pass-1", "password", "next-pass-22"))
                .expect(429);
        assertThat(org.owner()
                        .get("/api/v1/audit-events?action=CUSTOMER_PASSWORD_CHANGED&outcome=FAILURE&size=100")
                        .json()
                        .get("total")
                        .asInt())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void duringRemoteAssistanceTheAppsPasswordApiRefusesTheChange() throws Exception {
        var org = data.organization("Assist Api Co");
        String email = TestData.email("assist-api");
        String id = customer(org, email, "customer-pass-1");
        // a browser of the console user: sign in, start remote assistance, and keep the app session it opens
        var cookies = new java.net.CookieManager();
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        post(
                browser,
                "/login",
                csrf(browser, "/login"),
                Map.of("email", org.ownerEmail(), "password", TestData.PASSWORD));
        String assist = "/customers/" + id + "/assist";
        assertThat(post(browser, assist, csrf(browser, assist), Map.of("reason", "Ticket 12"))
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/app"));
        String assisted = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("APP_SESSION"))
                .findFirst()
                .orElseThrow()
                .getValue();
        var refused = data.api()
                .withToken(assisted)
                .post("/app/api/v1/password", Map.of("current", "customer-pass-1", "password", "assisted-pass-2"))
                .expect(403);
        assertThat(refused.body()).contains("During remote assistance");
        data.api().withToken(assisted).get("/app/api/v1/me").expect(200);
        // the customer's password is unchanged
        data.api()
                .post(
                        "/app/api/v1/login",
                        Map.of("email", email, "password", "customer-pass-1", "app", org.accountNumber()))
                .expect(200);
    }

    private String csrf(HttpClient browser, String page) throws Exception {
        String body = browser.send(
                        HttpRequest.newBuilder(URI.create(data.baseUrl() + page))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as("a form on %s", page).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> post(HttpClient browser, String action, String csrf, Map<String, String> fields)
            throws Exception {
        var all = new java.util.LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        String form = all.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return browser.send(
                HttpRequest.newBuilder(URI.create(data.baseUrl() + action))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAppPagesThroughEveryDeviceAndSaysHowManyThereAre() {
        var org = data.organization("Many Devices Co");
        String email = TestData.email("many-devices");
        String id = customer(org, email, "customer-pass-1");
        StringBuilder csv = new StringBuilder(DeviceUploadTests.HEADER);
        for (int n = 1; n <= 120; n++) {
            csv.append("Home,,Meter ")
                    .append(String.format("%03d", n))
                    .append(",SN-")
                    .append(n)
                    .append(",M1,\n");
        }
        DeviceUploadTests.upload(org.owner(), id, false, csv.toString()).expect(200);
        var browser = new ConsoleSession(data.baseUrl());
        String login = "/app/" + org.accountNumber() + "/login";
        browser.submit(login, login, Map.of("email", email, "password", "customer-pass-1"));

        Set<String> seen = new java.util.TreeSet<>();
        var first = browser.get("/app");
        assertThat(first.body())
                .contains("Devices 1–50 of 120")
                .contains("Page 1 of 3")
                .contains("href=\"/app?page=2\"");
        for (int page = 1; page <= 3; page++) {
            var body = browser.get("/app?page=" + page).body();
            var m = Pattern.compile("Meter (\\d{3})").matcher(body);
            int onPage = 0;
            while (m.find()) {
                seen.add(m.group(1));
                onPage++;
            }
            assertThat(onPage).as("devices on page " + page).isEqualTo(page < 3 ? 50 : 20);
        }
        assertThat(seen).hasSize(120);
        // a page past the end shows the last one, not an empty list
        assertThat(browser.get("/app?page=99").body())
                .contains("Devices 101–120 of 120")
                .contains("Page 3 of 3");
    }

    @Test
    void theRightCurrentPasswordChangesItAndEndsTheOtherSessions() {
        var org = data.organization("Change Ok Co");
        String email = TestData.email("changer-ok");
        customer(org, email, "customer-pass-1");
        String other = data.api()
                .post(
                        "/app/api/v1/login",
                        Map.of("email", email, "password", "customer-pass-1", "app", org.accountNumber()))
                .expect(200)
                .json()
                .get("token")
                .asString();
        var browser = new ConsoleSession(data.baseUrl());
        String login = "/app/" + org.accountNumber() + "/login";
        browser.submit(login, login, Map.of("email", email, "password", "customer-pass-1"));
        var changed = browser.submit(
                "/app/password",
                "/app/password",
                Map.of("current", "customer-pass-1", "password", "next-pass-22", "confirmation", "next-pass-22"));
        assertThat(changed.location()).endsWith("/app?passwordChanged");
        assertThat(browser.get("/app").status()).isEqualTo(200);
        data.api().withToken(other).get("/app/api/v1/me").expect(401);
    }

    @Test
    void theLogoIsAPngOrJpegOfLimitedSizeServedWithItsTypeNeverSniffed() throws Exception {
        var org = data.organization("Logo Co");
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        String slug = address("logo");
        save(owner, slug, "", "");

        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var refusedSvg = owner.upload("/app-settings", "/app-settings/logo", "logo", "logo.png", "image/png", svg);
        assertThat(refusedSvg.status()).isEqualTo(400);
        assertThat(refusedSvg.body()).contains("Upload a PNG or JPEG image", "id=\"logo-error\"");

        byte[] big = new byte[CustomerAppSettings.MAX_LOGO_BYTES + 1];
        byte[] header = CustomerTestSupport.png(2, 2, java.awt.Color.RED);
        System.arraycopy(header, 0, big, 0, header.length);
        var refusedBig = owner.upload("/app-settings", "/app-settings/logo", "logo", "big.png", "image/png", big);
        assertThat(refusedBig.status()).isEqualTo(400);
        assertThat(refusedBig.body()).contains("at most 200 KB");
        assertThat(new ConsoleSession(data.baseUrl())
                        .get("/app/" + slug + "/logo")
                        .status())
                .isEqualTo(404);

        byte[] png = CustomerTestSupport.png(64, 32, java.awt.Color.GREEN);
        var saved = owner.upload("/app-settings", "/app-settings/logo", "logo", "logo.bin", "text/html", png);
        assertThat(saved.location()).contains("logoSaved");
        HttpResponse<byte[]> logo = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(data.baseUrl() + "/app/" + slug + "/logo"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.body()).isEqualTo(png);
        assertThat(logo.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(logo.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(logo.headers().firstValue("Cache-Control").orElse("")).contains("max-age=604800", "public");
        assertThat(new ConsoleSession(data.baseUrl())
                        .get("/app/" + slug + "/login")
                        .body())
                .contains("/app/" + slug + "/logo?v=");

        var removed = owner.submit("/app-settings", "/app-settings/logo/delete", Map.of());
        assertThat(removed.location()).contains("logoRemoved");
        assertThat(new ConsoleSession(data.baseUrl())
                        .get("/app/" + slug + "/logo")
                        .status())
                .isEqualTo(404);
    }
}
