package io.iotconsole.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.Api;
import io.iotconsole.support.Browsers;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.PageCheck;
import io.iotconsole.support.PageChecks;
import io.iotconsole.support.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page opens for every role: the operator, each role of an organisation, the Owner of a sub-organisation, a
 * customer of the app and a console user during remote assistance each sign in to headless Chromium and follow every
 * link their pages offer (see {@link PageCrawler}). Every name shown on a page carries HTML that must stay text. The
 * screenshots and an index of them are left under {@code target/crawl} for a person to look through.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageCrawlTests {
    /** Shown as text it is harmless; run or parsed it sets {@code window.__xss} or builds a {@code .xss-probe}. */
    static final String PROBE = "<img src=x onerror=\"window.__xss=1\"><b class=\"xss-probe\">";

    /**
     * Further checks run on every page at both widths (accessibility, overflow, ...). Each answers readable problems.
     */
    static final List<PageCheck> EXTRA_CHECKS = List.of(PageCrawlTests::axeAtDeskWidth, PageChecks::horizontalOverflow);

    /** axe-core once a page: what it checks does not change with the width, and it is the slowest look. */
    private static List<String> axeAtDeskWidth(org.openqa.selenium.WebDriver browser) {
        Number width =
                (Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.innerWidth");
        if (width.intValue() <= PageCrawler.PHONE
                || browser.getCurrentUrl().contains("/api-docs-ui")
                || browser.getCurrentUrl().contains("/swagger-ui")) {
            // the API page is Swagger UI's own interface, checked by its authors, not built by the console
            return List.of();
        }
        return PageChecks.axeViolations(browser);
    }

    private static final Path ROOT = Path.of("target", "crawl");
    private static final int THREADS = 2;

    @Autowired
    TestData data;

    private final Browsers browsers = new Browsers();
    private final Map<String, Future<PageCrawler.Result>> crawls = new ConcurrentHashMap<>();
    private final Map<String, PageCrawler.Result> results = new ConcurrentHashMap<>();
    private final List<WebDriver> drivers = java.util.Collections.synchronizedList(new ArrayList<>());
    private ExecutorService pool;
    private World world;

    /** What the crawl needs to know of the data it set up. */
    record World(
            TestData.Org org,
            TestData.Org sub,
            Map<String, String> roleEmails,
            String apiClientId,
            String apiSecret,
            String customerId,
            String customerEmail,
            String customerPassword) {}

    @BeforeAll
    void setUpAndCrawl() {
        world = setUp();
        pool = Executors.newFixedThreadPool(THREADS);
        crawl(
                "operator",
                b -> console(b, TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD),
                List.of(
                        "/",
                        "/users?org=" + world.org().id(),
                        "/sims?organizationId=" + world.org().id(),
                        "/customers?organizationId=" + world.org().id(),
                        "/audit?organizationId=" + world.org().id()));
        crawl("owner", b -> console(b, world.org().ownerEmail(), TestData.PASSWORD), List.of("/"));
        for (String role : List.of("ADMIN", "STANDARD", "GROUP_USER", "READ_ONLY", "THIRD_PARTY")) {
            crawl(
                    role.toLowerCase().replace('_', '-'),
                    b -> console(b, world.roleEmails().get(role), TestData.PASSWORD),
                    List.of("/"));
        }
        crawl("sub-owner", b -> console(b, world.sub().ownerEmail(), TestData.PASSWORD), List.of("/"));
        crawl("customer", this::customerApp, List.of("/app"));
        crawl("assistance", this::startAssistance, List.of("/app"));
    }

    @AfterAll
    void writeIndex() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
        }
        synchronized (drivers) {
            drivers.forEach(WebDriver::quit);
        }
        CrawlIndex.write(ROOT, results);
    }

    @Test
    void theOperatorOpensEveryPage() {
        PageCrawler.Result r = result("operator");
        assertOpened(
                r,
                20,
                "/",
                "/organizations",
                "/organizations/new",
                "/sims",
                "/sims/{n}",
                "/users",
                "/users/new",
                "/users/{id}/edit",
                "/customers",
                "/customers/{id}",
                "/customers/new",
                "/orders",
                "/orders/{id}/fulfil",
                "/orders/{id}/cancel",
                "/audit",
                "/mailbox",
                "/roles",
                "/profile");
    }

    @Test
    void theOwnerOpensEveryPage() {
        PageCrawler.Result r = result("owner");
        assertOpened(
                r,
                25,
                "/",
                "/organizations",
                "/organizations/new",
                "/organizations/{id}/delete",
                "/sims",
                "/sims/{n}",
                "/sims/transfer",
                "/orders",
                "/customers",
                "/customers/{id}",
                "/customers/new",
                "/customers/{id}/edit",
                "/customers/{id}/password",
                "/customers/{id}/disable",
                "/customers/{id}/enable",
                "/customers/{id}/assist",
                "/customers/devices/upload",
                "/users",
                "/users/new",
                "/users/{id}/edit",
                "/users/{id}/deactivate",
                "/users/{id}/resend",
                "/users/{id}/delete",
                "/audit",
                "/roles",
                "/profile");
        assertThat(r.downloads())
                .extracting(d -> PageCrawler.pattern(d.url()).replaceFirst("\\?.*", ""))
                .contains("/sims/export.csv", "/audit/export.csv", "/customers/devices/template.csv");
    }

    @Test
    void anAdminOpensEveryPage() {
        assertOpened(
                result("admin"),
                20,
                "/sims/{n}",
                "/customers/new",
                "/customers/{id}/assist",
                "/users/new",
                "/users/{id}/edit",
                "/organizations/new",
                "/audit");
    }

    @Test
    void aStandardUserOpensEveryPage() {
        PageCrawler.Result r = result("standard");
        assertOpened(
                r,
                12,
                "/sims",
                "/sims/{n}",
                "/orders",
                "/customers",
                "/customers/new",
                "/customers/{id}/edit",
                "/users");
        assertThat(r.pathPatterns()).doesNotContain("/users/new", "/audit", "/customers/{id}/assist");
    }

    @Test
    void aGroupUserOpensEveryPage() {
        PageCrawler.Result r = result("group-user");
        assertOpened(r, 4, "/", "/sims", "/sims/{n}", "/profile", "/roles");
        assertThat(r.pathPatterns()).doesNotContain("/users", "/orders", "/customers");
    }

    @Test
    void aReadOnlyUserOpensEveryPage() {
        PageCrawler.Result r = result("read-only");
        assertOpened(r, 8, "/sims", "/sims/{n}", "/orders", "/customers", "/customers/{id}", "/users");
        assertThat(r.pathPatterns()).doesNotContain("/customers/new", "/users/new", "/customers/{id}/edit");
    }

    @Test
    void aThirdPartyUserOpensEveryPage() {
        PageCrawler.Result r = result("third-party");
        assertOpened(r, 6, "/sims", "/sims/{n}", "/users", "/organizations");
        assertThat(r.pathPatterns()).doesNotContain("/customers", "/orders");
    }

    @Test
    void theOwnerOfASubOrganisationOpensEveryPage() {
        PageCrawler.Result r = result("sub-owner");
        assertOpened(r, 12, "/sims", "/sims/{n}", "/users", "/customers", "/customers/new", "/organizations");
        assertThat(r.pathPatterns()).doesNotContain("/organizations/new");
    }

    @Test
    void aCustomerOpensEveryPageOfTheApp() {
        assertOpened(result("customer"), 2, "/app", "/app/password");
    }

    @Test
    void aConsoleUserDuringRemoteAssistanceOpensEveryPageOfTheApp() {
        // the customer's password is theirs alone: during assistance its page is not offered
        assertOpened(result("assistance"), 1, "/app");
        assertThat(result("assistance").pathPatterns()).doesNotContain("/app/password");
    }

    /** The probe is caught when a page does show it as HTML, so a clean crawl means something. */
    @Test
    void theProbeIsCaughtWhereDataIsShownAsHtml() {
        WebDriver browser = newBrowser();
        PageCrawler.blockProbeImages(browser);
        browser.get(data.baseUrl() + "/login");
        assertThat(PageCrawler.probeFired(browser)).isFalse();
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.querySelector('h1').insertAdjacentHTML('beforeend', arguments[0])", PROBE);
        // the console's Content-Security-Policy keeps the onerror script from running; the element still betrays it
        wait(browser).until(b -> PageCrawler.probeFired(b));
        assertThat(browser.findElements(By.cssSelector("h1 b.xss-probe"))).hasSize(1);
    }

    @Test
    void anApiUserCannotSignInToTheConsole() {
        WebDriver browser = newBrowser();
        browser.get(data.baseUrl() + "/login");
        browser.findElement(By.id("email")).sendKeys(world.apiClientId());
        browser.findElement(By.id("password")).sendKeys(world.apiSecret());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(wait(browser)
                        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.problem")))
                        .getText())
                .isEqualTo("Wrong e-mail or password.");
        assertThat(browser.findElements(By.cssSelector("[data-testid=me]"))).isEmpty();
        browser.get(data.baseUrl() + "/sims");
        assertThat(pathOf(browser.getCurrentUrl())).endsWith("/login");
    }

    private static String pathOf(String url) {
        return java.net.URI.create(url).getPath();
    }

    private void assertOpened(PageCrawler.Result r, int minimum, String... patterns) {
        assertThat(r.failures())
                .as(
                        "what the crawl of %s found (%d pages, %d downloads)",
                        r.identity(), r.pages().size(), r.downloads().size())
                .isEmpty();
        assertThat(r.pages().size()).as("pages opened by %s", r.identity()).isGreaterThanOrEqualTo(minimum);
        assertThat(r.pathPatterns()).as("pages opened by %s", r.identity()).contains(patterns);
    }

    private PageCrawler.Result result(String identity) {
        try {
            return crawls.get(identity).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new AssertionError("The crawl of " + identity + " broke off", e.getCause());
        }
    }

    private void crawl(String identity, Consumer<WebDriver> signIn, List<String> start) {
        crawls.put(identity, pool.submit(() -> {
            WebDriver browser = newBrowser();
            try {
                signIn.accept(browser);
                Set<String> signInPages = identity.equals("customer") || identity.equals("assistance")
                        ? Set.of("/app/login")
                        : Set.of("/login");
                PageCrawler.Result r = new PageCrawler(
                                identity, browser, data.baseUrl(), ROOT, EXTRA_CHECKS, signInPages)
                        .crawl(start);
                results.put(identity, r);
                if (identity.equals("assistance")) {
                    endAssistance(browser);
                }
                return r;
            } finally {
                browser.quit();
            }
        }));
    }

    private WebDriver newBrowser() {
        WebDriver b = browsers.open();
        drivers.add(b);
        return b;
    }

    private void console(WebDriver browser, String email, String password) {
        browser.get(data.baseUrl() + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=me]")));
    }

    private void customerApp(WebDriver browser) {
        browser.get(data.baseUrl() + "/app/login");
        browser.findElement(By.id("account")).sendKeys(world.org().accountNumber());
        browser.findElement(By.id("email")).sendKeys(world.customerEmail());
        browser.findElement(By.id("password")).sendKeys(world.customerPassword());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Hello"));
    }

    /** The Owner opens the customer's page and starts remote assistance from it. */
    private void startAssistance(WebDriver browser) {
        console(browser, world.org().ownerEmail(), TestData.PASSWORD);
        browser.get(data.baseUrl() + "/customers/" + world.customerId());
        browser.findElement(By.id("remote-assistance")).click();
        browser.findElement(By.id("reason")).sendKeys("Ticket 4711 " + PROBE);
        browser.findElement(By.id("start-assistance")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("assist-banner")));
    }

    private void endAssistance(WebDriver browser) {
        browser.get(data.baseUrl() + "/app");
        browser.findElement(By.id("end-assistance")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("customer-status")));
        assertThat(pathOf(browser.getCurrentUrl())).isEqualTo("/customers/" + world.customerId());
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    // ---- data, all through the Management API as the people concerned would create it

    private World setUp() {
        Api operator = data.operator();
        String ownerEmail = TestData.email("crawl.owner");
        var created = operator.post(
                        "/api/v1/organizations",
                        Map.of(
                                "name", "Acme " + PROBE,
                                "legalName", "Acme Devices Ltd " + PROBE,
                                "address", "1 High Street\nLondon " + PROBE,
                                "billingAddress", "Accounts, 1 High Street " + PROBE,
                                "shippingAddress", "Dock 4, 1 High Street " + PROBE,
                                "owner",
                                        Map.of(
                                                "firstName",
                                                "Olivia " + PROBE,
                                                "lastName",
                                                "Owens",
                                                "email",
                                                ownerEmail)))
                .expect(201)
                .json();
        data.activate(ownerEmail, TestData.PASSWORD);
        TestData.Org org = new TestData.Org(
                UUID.fromString(created.get("id").asString()),
                created.get("accountNumber").asString(),
                ownerEmail,
                data.login(ownerEmail));
        Api owner = org.owner();

        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 6, 19);
        String vans = owner.post("/api/v1/groups", Map.of("name", "Vans " + PROBE))
                .expect(201)
                .json()
                .get("id")
                .asString();
        owner.post("/api/v1/groups", Map.of("name", "Meters " + PROBE)).expect(201);
        for (int i = 0; i < sims.size(); i++) {
            Map<String, Object> change = new HashMap<>(Map.of("label", "Van " + (i + 1) + " " + PROBE));
            if (i < 3) {
                change.put("groupId", vans);
            }
            owner.patch("/api/v1/sims/" + sims.get(i), change).expect(200);
        }

        Map<String, String> emails = new HashMap<>();
        for (String role : List.of("ADMIN", "STANDARD", "GROUP_USER", "READ_ONLY", "THIRD_PARTY")) {
            String email = TestData.email("crawl." + role.toLowerCase());
            Map<String, Object> user = new HashMap<>(Map.of(
                    "firstName",
                    "Ada " + PROBE,
                    "lastName",
                    role.charAt(0) + role.substring(1).toLowerCase().replace('_', ' '),
                    "email",
                    email,
                    "role",
                    role,
                    "countryCode",
                    "+44",
                    "mobileNumber",
                    "7700900123",
                    "description",
                    "Night shift " + PROBE));
            if (role.equals("GROUP_USER")) {
                user.put("groupIds", List.of(vans));
            }
            owner.post("/api/v1/users", user).expect(201);
            data.activate(email, TestData.PASSWORD);
            emails.put(role, email);
        }
        owner.post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "Ivy " + PROBE,
                                "lastName",
                                "Invited",
                                "email",
                                TestData.email("crawl.invited"),
                                "role",
                                "STANDARD"))
                .expect(201);
        String goneEmail = TestData.email("crawl.gone");
        String gone = owner.post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "Dan " + PROBE,
                                "lastName",
                                "Deactivated",
                                "email",
                                goneEmail,
                                "role",
                                "READ_ONLY"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        data.activate(goneEmail, TestData.PASSWORD);
        owner.post("/api/v1/users/" + gone + "/deactivate").expect(200);
        String secret = "crawl-machine-secret-42-x";
        String clientId = owner.post(
                        "/api/v1/users",
                        Map.of(
                                "role",
                                "API_USER",
                                "clientIdSuffix",
                                "crawl" + UUID.randomUUID().toString().substring(0, 6),
                                "clientSecret",
                                secret,
                                "description",
                                "Billing sync " + PROBE))
                .expect(201)
                .json()
                .get("clientId")
                .asString();

        // a webhook endpoint where nothing listens: its delivery log has failed tries
        owner.post(
                        "/api/v1/webhooks",
                        Map.of(
                                "url",
                                "http://127.0.0.1:9/hooks",
                                "description",
                                "Billing hooks " + PROBE,
                                "eventTypes",
                                List.of("order.placed", "order.completed")))
                .expect(201);

        // an open order, and one the operator fulfilled (it has an invoice)
        owner.post("/api/v1/orders", Map.of("quantity", 10)).expect(201);
        String done = owner.post("/api/v1/orders", Map.of("quantity", 2))
                .expect(201)
                .json()
                .get("id")
                .asString();
        operator.raw("POST", "/api/v1/orders/" + done + "/fulfil", "text/csv", stock(2))
                .expect(200);

        // a sub-organisation with its Owner, SIMs and a group; a second one still pending
        String subOwner = TestData.email("crawl.subowner");
        var subCreated = owner.post(
                        "/api/v1/organizations",
                        Map.of(
                                "name", "Acme North " + PROBE,
                                "legalName", "Acme North Ltd " + PROBE,
                                "owner", Map.of("firstName", "Sam " + PROBE, "lastName", "Sutton", "email", subOwner)))
                .expect(201)
                .json();
        data.activate(subOwner, TestData.PASSWORD);
        TestData.Org sub = new TestData.Org(
                UUID.fromString(subCreated.get("id").asString()),
                subCreated.get("accountNumber").asString(),
                subOwner,
                data.login(subOwner));
        List<String> subSims = SimInventoryTestSupport.stock(data, sub.id(), 2, 19);
        String tools = sub.owner()
                .post("/api/v1/groups", Map.of("name", "Tools " + PROBE))
                .expect(201)
                .json()
                .get("id")
                .asString();
        sub.owner()
                .patch("/api/v1/sims/" + subSims.get(0), Map.of("groupId", tools, "label", "Drill " + PROBE))
                .expect(200);
        String subCustomer =
                createCustomer(sub.owner(), "Nina " + PROBE, "Northcott " + PROBE, TestData.email("crawl.nina"));
        devices(
                sub.owner(),
                subCustomer,
                List.of(List.of(
                        "Depot " + PROBE,
                        "7 Quay Road " + PROBE,
                        "Tracker " + PROBE,
                        "NT-1",
                        "T9 " + PROBE,
                        subSims.get(1))));
        owner.post(
                        "/api/v1/organizations",
                        Map.of(
                                "name",
                                "Acme South " + PROBE,
                                "owner",
                                Map.of(
                                        "firstName",
                                        "Pat " + PROBE,
                                        "lastName",
                                        "Pending",
                                        "email",
                                        TestData.email("crawl.pending"))))
                .expect(201);

        // customers: one with devices and locations who signs in to the app, one disabled, one without devices (the
        // list is by last name, and only the first two customer pages are opened)
        String customerEmail = TestData.email("crawl.carla");
        String customer = createCustomer(owner, "Carla " + PROBE, "Customer " + PROBE, customerEmail);
        devices(
                owner,
                customer,
                List.of(
                        List.of(
                                "Home " + PROBE,
                                "12 Garden Lane, Leeds " + PROBE,
                                "Boiler " + PROBE,
                                "SN-" + UUID.randomUUID().toString().substring(0, 8),
                                "B1 " + PROBE,
                                sims.get(0)),
                        List.of(
                                "Home " + PROBE,
                                "",
                                "Solar inverter " + PROBE,
                                "SN-" + UUID.randomUUID().toString().substring(0, 8),
                                "S1",
                                ""),
                        List.of(
                                "Garage " + PROBE,
                                "12a Garden Lane " + PROBE,
                                "Door sensor " + PROBE,
                                "SN-" + UUID.randomUUID().toString().substring(0, 8),
                                "",
                                "")));
        String customerPassword = "customer-pass-crawl-9";
        owner.post("/api/v1/customers/" + customer + "/password", Map.of("password", customerPassword))
                .expect(204);
        createCustomer(owner, "Bob " + PROBE, "Zeller", TestData.email("crawl.bob"));
        String disabled = createCustomer(owner, "Dora " + PROBE, "Disabled", TestData.email("crawl.dora"));
        owner.post("/api/v1/customers/" + disabled + "/disable").expect(200);

        return new World(org, sub, emails, clientId, secret, customer, customerEmail, customerPassword);
    }

    private static String createCustomer(Api api, String first, String last, String email) {
        return api.post(
                        "/api/v1/customers",
                        Map.of(
                                "firstName",
                                first,
                                "lastName",
                                last,
                                "email",
                                email,
                                "countryCode",
                                "+44",
                                "phone",
                                "7700900456"))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private static void devices(Api api, String customer, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder("location_name,location_address,device_name,serial_number,model,iccid\n");
        for (List<String> row : rows) {
            csv.append(String.join(",", row.stream().map(PageCrawlTests::cell).toList()))
                    .append('\n');
        }
        api.raw("POST", "/api/v1/customers/" + customer + "/devices/import?dryRun=false", "text/csv", csv.toString())
                .expect(200);
    }

    private static String cell(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String stock(int n) {
        StringBuilder csv = new StringBuilder("iccid,imsi,msisdn\n");
        for (int i = 0; i < n; i++) {
            String iccid = SimInventoryTestSupport.iccid();
            csv.append(iccid)
                    .append(",23415")
                    .append(iccid, 9, 19)
                    .append(",447")
                    .append(iccid, 10, 19)
                    .append('\n');
        }
        return csv.toString();
    }
}
