package io.iotconsole.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.customer.CustomerTestSupport;
import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.Browsers;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.PageChecks;
import io.iotconsole.support.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's main pages, as the platform operator and as an organisation's Owner with data, on a desk (1366 px)
 * and on a phone (390 px): no serious or critical accessibility violation (axe-core), nothing wider than a phone's
 * screen, the navigation behind a menu button on the phone, and field errors tied to their inputs.
 * {@code -Dconsole.screenshots=true} keeps a screenshot of every page under {@code target/phone-shots}.
 */
@IntegrationTest
class AccessibilityTests {
    private static final Dimension DESK = new Dimension(1366, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Autowired
    TestData data;

    @Test
    void theOwnersPagesAreAccessibleAndFitAPhone() {
        var org = data.organization("Accessible Home Networks");
        data.subOrganization(org, "Accessible Branch");
        List<String> iccids = SimInventoryTestSupport.stock(data, org.id(), 3, 19);
        String customer = CustomerTestSupport.create(org.owner(), "Ada", "Lovelace", TestData.email("ada"));
        data.activeUser(org.owner(), "STANDARD", TestData.email("standard"));
        org.owner().post("/api/v1/orders", Map.of("quantity", 10)).expect(201);

        WebDriver browser = browsers.open();
        Map<String, String> pages = pages(iccids.get(0), customer, null);
        pages.put("SIM transfer", "/sims/transfer");
        pages.put("new sub-organisation", "/organizations/new");
        pages.put("customer form", "/customers/" + customer + "/edit");
        pages.put("device upload", "/customers/devices/upload");
        List<String> problems = new ArrayList<>();
        checkSignInPage(browser, problems);
        signIn(browser, org.ownerEmail(), TestData.PASSWORD);
        assertThat(browser.findElement(By.cssSelector("[data-testid=organization]"))
                        .getText())
                .as("the header names the organisation")
                .isEqualTo("Accessible Home Networks");
        checkAll(browser, "owner", pages, problems);
        assertThat(problems)
                .as("accessibility and phone-width problems of the Owner's pages")
                .isEmpty();
    }

    @Test
    void theOperatorsPagesAreAccessibleAndFitAPhone() {
        var org = data.organization("Accessible Operator Co");
        List<String> iccids = SimInventoryTestSupport.stock(data, org.id(), 2, 19);
        String customer = CustomerTestSupport.create(org.owner(), "Grace", "Hopper", TestData.email("grace"));
        org.owner().post("/api/v1/orders", Map.of("quantity", 5)).expect(201);

        WebDriver browser = browsers.open();
        signIn(browser, TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        assertThat(browser.findElement(By.cssSelector("[data-testid=organization]"))
                        .getText())
                .isEqualTo("Platform");
        Map<String, String> pages = pages(iccids.get(0), customer, org.id().toString());
        pages.put("mailbox", "/mailbox");
        pages.put("new organisation", "/organizations/new");
        List<String> problems = new ArrayList<>();
        checkAll(browser, "operator", pages, problems);
        assertThat(problems)
                .as("accessibility and phone-width problems of the operator's pages")
                .isEmpty();

        browser.get(data.baseUrl() + "/sims?organizationId=" + org.id());
        assertThat(browser.findElement(By.cssSelector("[data-testid=organization]"))
                        .getText())
                .as("a page about one organisation names it")
                .isEqualTo("Accessible Operator Co");
    }

    @Test
    void theHeaderMarksTheCurrentPageAndFoldsItsMenuOnAPhone() {
        var org = data.organization("Menu Co");
        WebDriver browser = browsers.open();
        browser.manage().window().setSize(DESK);
        signIn(browser, org.ownerEmail(), TestData.PASSWORD);
        browser.get(data.baseUrl() + "/users");
        WebElement users = browser.findElement(By.cssSelector("nav[aria-label=Main] a[href$='/users']"));
        assertThat(users.getAttribute("aria-current")).isEqualTo("page");
        assertThat(browser.findElements(By.cssSelector("nav[aria-label=Main] a[aria-current]")))
                .hasSize(1);
        assertThat(users.isDisplayed()).as("the navigation shows on a desk").isTrue();
        assertThat(browser.findElement(By.cssSelector("details.menu > summary")).isDisplayed())
                .as("no menu button on a desk")
                .isFalse();

        WebElement skip = browser.findElement(By.cssSelector("body > *:first-child"));
        assertThat(skip.getAttribute("textContent")).isEqualTo("Skip to content");
        assertThat(skip.getAttribute("href")).endsWith("#content");

        browser.manage().window().setSize(PHONE);
        assertThat(viewportWidth(browser)).isEqualTo(PHONE.width);
        WebElement menu = browser.findElement(By.cssSelector("details.menu > summary"));
        assertThat(menu.isDisplayed()).as("the menu button shows on a phone").isTrue();
        assertThat(users.isDisplayed())
                .as("the navigation is folded on a phone")
                .isFalse();
        WebElement header = browser.findElement(By.cssSelector("header.topbar"));
        assertThat(header.getSize().height).as("the header is one line").isLessThan(70);

        menu.sendKeys(Keys.ENTER);
        wait(browser).until(ExpectedConditions.visibilityOf(users));
        users.click();
        wait(browser).until(ExpectedConditions.urlContains("/users"));
        assertThat(browser.findElement(By.cssSelector("details.menu")).getAttribute("open"))
                .as("a new page starts with the menu folded")
                .isNull();
    }

    @Test
    void aFieldWithAnErrorPointsAtItsMessage() {
        var org = data.organization("Form Errors Co");
        WebDriver browser = browsers.open();
        signIn(browser, org.ownerEmail(), TestData.PASSWORD);
        browser.get(data.baseUrl() + "/users/new");
        submitEmpty(browser);
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.error")));

        List<WebElement> invalid = browser.findElements(By.cssSelector("[aria-invalid=true]"));
        assertThat(invalid).extracting(e -> e.getAttribute("id")).contains("firstName", "lastName", "email");
        for (WebElement input : invalid) {
            String describedBy = input.getAttribute("aria-describedby");
            assertThat(describedBy)
                    .as("aria-describedby of %s", input.getAttribute("id"))
                    .isNotBlank();
            WebElement message = browser.findElement(By.id(describedBy));
            assertThat(message.getAttribute("class")).contains("error");
            assertThat(message.getText())
                    .as("the message of %s", input.getAttribute("id"))
                    .isNotBlank();
        }
        assertThat(browser.findElement(By.id("email")).getAttribute("aria-describedby"))
                .isEqualTo("email-error");
        assertThat(browser.findElement(By.id("email-error")).getText()).isNotBlank();
        List<String> errors = browser.findElements(By.cssSelector("p.error")).stream()
                .map(e -> e.getAttribute("id"))
                .toList();
        for (String id : errors) {
            assertThat(browser.findElements(By.cssSelector("[aria-describedby~='" + id + "']")))
                    .as("an input or group described by the message %s", id)
                    .isNotEmpty();
        }
        assertThat(browser.findElement(By.id("description")).getAttribute("aria-invalid"))
                .as("a field without an error is not marked")
                .isNull();
    }

    /** The console's main pages by name; the operator's carry the organisation where the page asks for one. */
    private static Map<String, String> pages(String iccid, String customer, String organizationId) {
        Map<String, String> pages = new LinkedHashMap<>();
        String org = organizationId == null ? "" : "?organizationId=" + organizationId;
        pages.put("dashboard", "/");
        pages.put("organisations", "/organizations");
        pages.put("SIMs", "/sims");
        pages.put("a SIM", "/sims/" + iccid + org);
        pages.put("orders", "/orders");
        pages.put("customers", "/customers");
        pages.put("a customer", "/customers/" + customer);
        pages.put("users", "/users" + (organizationId == null ? "" : "?org=" + organizationId));
        pages.put("roles", "/roles");
        pages.put("audit", "/audit");
        pages.put("profile", "/profile");
        return pages;
    }

    /** Every page at desk width, then every page at phone width, and the new-user form sent empty at both. */
    private void checkAll(WebDriver browser, String who, Map<String, String> pages, List<String> problems) {
        for (Dimension size : List.of(DESK, PHONE)) {
            browser.manage().window().setSize(size);
            for (Map.Entry<String, String> page : pages.entrySet()) {
                browser.get(data.baseUrl() + page.getValue());
                check(browser, who, page.getKey(), size, problems);
            }
            browser.get(data.baseUrl() + "/users/new");
            submitEmpty(browser);
            wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.error")));
            check(browser, who, "the new-user form with errors", size, problems);
        }
    }

    private void checkSignInPage(WebDriver browser, List<String> problems) {
        for (Dimension size : List.of(DESK, PHONE)) {
            browser.manage().window().setSize(size);
            browser.get(data.baseUrl() + "/login");
            check(browser, "anyone", "sign-in", size, problems);
        }
    }

    private void check(WebDriver browser, String who, String page, Dimension size, List<String> problems) {
        assertThat(browser.findElements(By.cssSelector("main")))
                .as("%s's %s page (%s) shows", who, page, browser.getCurrentUrl())
                .hasSize(1);
        String where = who + "'s " + page + " page (" + path(browser) + ") at " + size.width + " px: ";
        PageChecks.axeViolations(browser).forEach(v -> problems.add(where + v));
        if (size.width == PHONE.width) {
            assertThat(viewportWidth(browser)).as("the window is a phone's").isEqualTo(PHONE.width);
            PageChecks.horizontalOverflow(browser).forEach(o -> problems.add(where + o));
        }
        screenshot(browser, who + "-" + size.width + "-" + page);
    }

    private String path(WebDriver browser) {
        return browser.getCurrentUrl().substring(data.baseUrl().length());
    }

    private static long viewportWidth(WebDriver browser) {
        return (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
    }

    private static void screenshot(WebDriver browser, String name) {
        if (!Boolean.getBoolean("console.screenshots")) {
            return;
        }
        try {
            Path dir = Path.of("target", "phone-shots");
            Files.createDirectories(dir);
            var shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(
                    shot.toPath(),
                    dir.resolve(name.replaceAll("[^A-Za-z0-9-]+", "_") + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Sends the form of the page as it is, once the page shows it. */
    private static void submitEmpty(WebDriver browser) {
        wait(browser)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("form.form button[type=submit].primary")))
                .click();
    }

    private void signIn(WebDriver browser, String email, String password) {
        browser.get(data.baseUrl() + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=me]")));
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }
}
