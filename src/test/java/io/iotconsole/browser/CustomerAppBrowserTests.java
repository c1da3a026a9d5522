package io.iotconsole.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.customer.CustomerTestSupport;
import io.iotconsole.support.Browsers;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The white-label customer app on a phone (390 x 844, in headless Chromium): the organisation's address, name, colour
 * and logo, devices as cards, nothing wider than the screen, the password change and the forgotten-password flow,
 * and remote assistance without the password change.
 */
@IntegrationTest
class CustomerAppBrowserTests {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String LONG_NAME =
            "Solar inverter on the garage roof facing south-west behind the chimney and the satellite dish";
    private static final String LONG_SERIAL = "INV-" + "7".repeat(48);

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Autowired
    TestData data;

    /** An organisation whose app has a chosen address, name, colour and logo; answers the address. */
    private String brandedApp(TestData.Org org, String name, String color) {
        String slug = "phone-" + System.nanoTime() % 1_000_000 + "-" + SEQ.incrementAndGet();
        CustomerTestSupport.brandApp(data.jdbc(), org.id(), slug);
        data.jdbc()
                .sql("UPDATE customer_app SET name = :name, color = :color WHERE organization_id = :id")
                .param("name", name)
                .param("color", color)
                .param("id", org.id())
                .update();
        return slug;
    }

    private String customer(TestData.Org org, String email, String password) {
        String id = CustomerTestSupport.create(org.owner(), "Pia", "Phone", email);
        org.owner()
                .post("/api/v1/customers/" + id + "/password", Map.of("password", password))
                .expect(204);
        CustomerTestSupport.devices(
                org.owner(),
                id,
                "Home,1 Long Street,\"" + LONG_NAME + "\"," + LONG_SERIAL + ",S1,\n"
                        + "Home,1 Long Street,Heat pump,HP-1,X,\n"
                        + "Cabin,,Water meter,WM-9,M,\n");
        return id;
    }

    private WebDriver phone() {
        WebDriver browser = browsers.open();
        browser.manage().window().setSize(new Dimension(390, 844));
        return browser;
    }

    private void signInToApp(WebDriver browser, String slug, String email, String password) {
        browser.get(data.baseUrl() + "/app/" + slug + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Hello, Pia"));
    }

    private static Object js(WebDriver browser, String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static void noHorizontalOverflow(WebDriver browser) {
        assertThat((Boolean) js(browser, "return document.documentElement.scrollWidth <= window.innerWidth"))
                .as(
                        "nothing wider than the screen on %s (scrollWidth %s, innerWidth %s)",
                        browser.getCurrentUrl(),
                        js(browser, "return document.documentElement.scrollWidth"),
                        js(browser, "return window.innerWidth"))
                .isTrue();
    }

    private static void largeTarget(WebElement element) {
        assertThat(element.getSize().getHeight())
                .as("touch target height of %s", element.getText())
                .isGreaterThanOrEqualTo(44);
    }

    @Test
    void aCustomerSignsInAtTheOrganisationsAddressAndSeesItsBrandAndDevicesAsCardsOnAPhone() {
        var org = data.organization("Phone Brand Co");
        String slug = brandedApp(org, "Sunny Home", "#0a7d3b");
        String email = TestData.email("phone");
        customer(org, email, "customer-pass-1");
        WebDriver browser = phone();

        browser.get(data.baseUrl() + "/app/" + slug + "/login");
        assertThat((Long) js(browser, "return window.innerWidth")).isEqualTo(390L);
        assertThat(browser.findElements(By.id("account")))
                .as("no account number to type")
                .isEmpty();
        assertThat(browser.findElement(By.id("app-name")).getText()).isEqualTo("Sunny Home");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in to Sunny Home");
        assertThat((Long) js(browser, "return document.getElementById('app-logo').naturalWidth"))
                .as("the logo loads")
                .isEqualTo(4L);
        WebElement bar = browser.findElement(By.cssSelector("header.app-bar"));
        assertThat(bar.getCssValue("background-color")).isIn("rgba(10, 125, 59, 1)", "rgb(10, 125, 59)");
        assertThat(bar.getCssValue("color")).isIn("rgba(255, 255, 255, 1)", "rgb(255, 255, 255)");
        largeTarget(browser.findElement(By.id("email")));
        largeTarget(browser.findElement(By.id("sign-in")));
        noHorizontalOverflow(browser);

        // a wrong password: the message, the e-mail kept, the fields marked
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("sign-in")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Wrong e-mail or password.");
        assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo(email);
        assertThat(browser.findElement(By.id("password")).getAttribute("aria-invalid"))
                .isEqualTo("true");

        signInToApp(browser, slug, email, "customer-pass-1");
        assertThat(bar(browser).getSize().getHeight()).as("a slim header").isLessThanOrEqualTo(72);
        List<WebElement> cards = browser.findElements(By.cssSelector("#devices > li.card"));
        assertThat(cards).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#content table")))
                .as("no tables")
                .isEmpty();
        assertThat(browser.findElement(By.id("devices")).getText()).contains(LONG_NAME, LONG_SERIAL, "Heat pump");
        for (WebElement card : cards) {
            assertThat(card.getSize().getWidth()).as("one card a row").isGreaterThan(300);
        }
        assertThat(browser.findElements(By.cssSelector("#locations > li.card"))).hasSize(2);
        largeTarget(browser.findElement(By.id("nav-password")));
        largeTarget(browser.findElement(By.id("sign-out")));
        noHorizontalOverflow(browser);

        // the skip link leads to the page's main landmark
        assertThat(browser.findElement(By.cssSelector("a.skip-link")).getAttribute("href"))
                .endsWith("#content");
        assertThat(browser.findElement(By.cssSelector("main#content"))).isNotNull();

        // still fine on a desk
        browser.manage().window().setSize(new Dimension(1366, 900));
        browser.navigate().refresh();
        noHorizontalOverflow(browser);
        assertThat(browser.findElement(By.id("devices")).getText()).contains(LONG_NAME);
    }

    private static WebElement bar(WebDriver browser) {
        return browser.findElement(By.cssSelector("header.app-bar"));
    }

    @Test
    void aWrongCurrentPasswordIsNamedAndWhatWasTypedIsKept() {
        var org = data.organization("Phone Password Co");
        String slug = brandedApp(org, "Pass Home", "#ffd400");
        String email = TestData.email("phone-pass");
        customer(org, email, "customer-pass-1");
        WebDriver browser = phone();
        signInToApp(browser, slug, email, "customer-pass-1");
        assertThat(bar(browser).getCssValue("color")).as("black on yellow").isIn("rgba(0, 0, 0, 1)", "rgb(0, 0, 0)");

        browser.findElement(By.id("nav-password")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("current")));
        browser.findElement(By.id("current")).sendKeys("not-my-password");
        browser.findElement(By.id("password")).sendKeys("next-pass-22");
        browser.findElement(By.id("confirmation")).sendKeys("next-pass-22");
        browser.findElement(By.id("change-password")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("current-error")));
        assertThat(browser.findElement(By.id("current-error")).getText())
                .isEqualTo("This is not your current password");
        WebElement current = browser.findElement(By.id("current"));
        assertThat(current.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(current.getAttribute("aria-describedby")).isEqualTo("current-error");
        assertThat(browser.findElement(By.id("password")).getAttribute("value")).isEqualTo("next-pass-22");
        assertThat(browser.findElement(By.id("confirmation")).getAttribute("value"))
                .isEqualTo("next-pass-22");
        noHorizontalOverflow(browser);

        current.sendKeys(Keys.chord(Keys.CONTROL, "a"), "customer-pass-1");
        browser.findElement(By.id("change-password")).click();
        wait(browser).until(ExpectedConditions.urlContains("passwordChanged"));
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("Your password is changed");
    }

    @Test
    void aForgottenPasswordIsResetThroughTheMailedLinkOnce() {
        var org = data.organization("Phone Forgot Co");
        String slug = brandedApp(org, "Forgot Home", "#1d4ed8");
        String email = TestData.email("phone-forgot");
        customer(org, email, "customer-pass-1");
        // the welcome mail's link is voided by the reset: count it, so that the reset's own link is the one read
        int before = data.awaitMailCount(email, 1);
        WebDriver browser = phone();

        browser.get(data.baseUrl() + "/app/" + slug + "/login");
        browser.findElement(By.id("forgot-link")).click();
        wait(browser).until(ExpectedConditions.urlContains("/app/" + slug + "/forgot-password"));
        assertThat(browser.findElements(By.id("account"))).isEmpty();
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("send-link")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("reset-sent")));
        noHorizontalOverflow(browser);

        data.awaitMailCount(email, before + 1);
        String link = data.linkUrl(email, "app/set-password");
        assertThat(link).contains("/app/" + slug + "/set-password?token=");
        browser.get(link);
        assertThat(browser.findElement(By.id("app-name")).getText()).isEqualTo("Forgot Home");
        browser.findElement(By.id("password")).sendKeys("fresh-pass-33");
        browser.findElement(By.id("confirmation")).sendKeys("fresh-pass-33");
        browser.findElement(By.id("set-password")).click();
        wait(browser).until(ExpectedConditions.urlContains("/app/" + slug + "/login?passwordSet"));
        signInToApp(browser, slug, email, "fresh-pass-33");

        // a used link says so at once, without a form to fill in
        WebDriver again = phone();
        again.get(link);
        assertThat(again.findElement(By.id("link-gone")).getText()).contains("expired or was used already");
        assertThat(again.findElements(By.id("password"))).isEmpty();
    }

    @Test
    void duringRemoteAssistanceThePasswordChangeIsNotOfferedAndTheBannerIsCompact() {
        var org = data.organization("Phone Assist Co");
        brandedApp(org, "Assist Home", "#7a1fa2");
        String id = customer(org, TestData.email("phone-assist"), "customer-pass-1");
        WebDriver owner = phone();
        owner.get(data.baseUrl() + "/login");
        owner.findElement(By.id("email")).sendKeys(org.ownerEmail());
        owner.findElement(By.id("password")).sendKeys(TestData.PASSWORD);
        owner.findElement(By.cssSelector("button[type=submit]")).click();
        wait(owner).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        owner.get(data.baseUrl() + "/customers/" + id);
        owner.findElement(By.id("remote-assistance")).click();
        owner.findElement(By.id("reason")).sendKeys("Ticket 77");
        owner.findElement(By.id("start-assistance")).click();
        wait(owner).until(ExpectedConditions.presenceOfElementLocated(By.id("assist-banner")));

        WebElement banner = owner.findElement(By.id("assist-banner"));
        assertThat(banner.getText()).contains("Remote assistance by", "Ticket 77");
        assertThat(banner.getSize().getHeight()).as("a compact banner").isLessThanOrEqualTo(110);
        assertThat(owner.findElement(By.id("app-name")).getText()).isEqualTo("Assist Home");
        assertThat(owner.findElements(By.id("nav-password"))).as("not offered").isEmpty();
        largeTarget(owner.findElement(By.id("end-assistance")));
        noHorizontalOverflow(owner);

        owner.get(data.baseUrl() + "/app/password");
        assertThat(owner.findElement(By.id("assisted-password")).getText())
                .contains("During remote assistance the password cannot be changed");
        assertThat(owner.findElements(By.id("current"))).isEmpty();
        assertThat(owner.findElements(By.id("password-form"))).isEmpty();
        noHorizontalOverflow(owner);

        owner.findElement(By.id("end-assistance")).click();
        wait(owner).until(ExpectedConditions.urlContains("/customers/" + id));
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }
}
