package io.iotconsole.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.Browsers;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** The account page, the order confirmation and the Mailbox search as people use them, on a desk and on a phone. */
@IntegrationTest
class AccountBrowserTests {
    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Autowired
    TestData data;

    @Test
    void anOwnerEditsTheAccountOnAPhoneAndBadInputIsKeptWithTheFieldNamed() {
        var org = data.organization("Browser Account Co");
        WebDriver browser = browsers.open();
        browser.manage().window().setSize(new Dimension(390, 844));
        signIn(browser, org.ownerEmail(), TestData.PASSWORD);
        assertThat(browser.findElements(By.cssSelector("nav a[href='/account']")))
                .hasSize(1);
        browser.get(data.baseUrl() + "/account");
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("company-form")));
        assertThat(browser.findElement(By.id("account-number")).getText()).isEqualTo(org.accountNumber());
        assertThat(fitsTheWidth(browser))
                .as("the account page fits a phone's width")
                .isTrue();

        browser.findElement(By.id("name")).clear();
        browser.findElement(By.id("billingAddress")).sendKeys("Accounts Payable\n9 Ledger Row");
        browser.findElement(By.cssSelector("#company-form button[type=submit]")).click();
        WebElement problem = wait(browser)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#company-form .error")));
        assertThat(problem.getText()).isEqualTo("Enter the organisation's name");
        assertThat(browser.findElement(By.id("billingAddress")).getAttribute("value"))
                .isEqualTo("Accounts Payable\n9 Ledger Row");
        assertThat(browser.findElement(By.cssSelector("p.problem")).getText())
                .contains("Please correct the fields marked below");

        browser.findElement(By.id("name")).sendKeys("Browser Account Co Ltd");
        browser.findElement(By.cssSelector("#company-form button[type=submit]")).click();
        assertThat(notice(browser)).contains("is saved");
        assertThat(browser.findElement(By.id("billingAddress")).getAttribute("value"))
                .isEqualTo("Accounts Payable\n9 Ledger Row");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Browser Account Co Ltd");
    }

    @Test
    void aReadOnlyUserSeesTheAccountWithoutEditControlsAndAPostIsRefused() {
        var org = data.organization("Browser Readers Co");
        String reader = TestData.email("reader");
        data.activeUser(org.owner(), "READ_ONLY", reader);
        WebDriver browser = browsers.open();
        signIn(browser, reader, TestData.PASSWORD);
        browser.findElement(By.cssSelector("nav a[href='/account']")).click();
        WebElement company = wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("company-data")));
        assertThat(company.getText()).contains("Browser Readers Co");
        assertThat(browser.findElements(By.id("company-form"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("main input, main textarea, main button")))
                .isEmpty();
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        const body = new URLSearchParams({name: 'Taken Over', _csrf: document.body.dataset.csrfToken});
                        fetch('/account', {method: 'POST', body, redirect: 'manual'}).then(r => done(r.status));
                        """);
        assertThat(((Number) status).intValue()).isEqualTo(403);
        browser.navigate().refresh();
        assertThat(wait(browser)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("company-data")))
                        .getText())
                .contains("Browser Readers Co")
                .doesNotContain("Taken Over");
    }

    @Test
    void anOrderIsConfirmedWithItsPriceAndGoingBackKeepsTheQuantity() {
        var org = data.organization("Browser Orders Co");
        WebDriver browser = browsers.open();
        signIn(browser, org.ownerEmail(), TestData.PASSWORD);
        browser.findElement(By.linkText("Orders")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("quantity")));
        browser.findElement(By.id("quantity")).sendKeys("3");
        browser.findElement(By.cssSelector("#new-order button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("order-quote")));
        assertThat(browser.findElement(By.id("quote-quantity")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.id("quote-unit-price")).getText()).isEqualTo("2.50 EUR");
        assertThat(browser.findElement(By.id("quote-total")).getText()).isEqualTo("7.50 EUR");

        browser.findElement(By.id("change-order")).click();
        WebElement quantity = wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("quantity")));
        assertThat(quantity.getAttribute("value")).isEqualTo("3");
        quantity.clear();
        quantity.sendKeys("6");
        browser.findElement(By.cssSelector("#new-order button[type=submit]")).click();
        assertThat(wait(browser)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("quote-total")))
                        .getText())
                .isEqualTo("15.00 EUR");
        browser.navigate().back();
        assertThat(wait(browser)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("quantity")))
                        .getAttribute("value"))
                .isEqualTo("6");
        browser.navigate().forward();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("place-order")));
        browser.findElement(By.cssSelector("#place-order button[type=submit]")).click();
        assertThat(notice(browser)).isEqualTo("Order 1 for 6 SIMs is placed.");
        assertThat(org.owner().get("/api/v1/orders").json().get("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void theOperatorSearchesTheMailbox() {
        var org = data.organization("Browser Mailbox Co");
        String invited = TestData.email("findme");
        org.owner()
                .post(
                        "/api/v1/users",
                        Map.of("firstName", "Fay", "lastName", "Findme", "email", invited, "role", "STANDARD"))
                .expect(201);
        WebDriver browser = browsers.open();
        signIn(browser, TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        browser.findElement(By.cssSelector("nav a[href='/mailbox']")).click();
        WebElement search = wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("mailbox-q")));
        search.sendKeys(invited.toUpperCase());
        browser.findElement(By.cssSelector("#mailbox-search button[type=submit]"))
                .click();
        wait(browser)
                .until(ExpectedConditions.textToBe(
                        By.id("mailbox-count"), "1 mail matches “" + invited.toUpperCase() + "”"));
        var mails = browser.findElements(By.cssSelector("article.mail"));
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getText()).contains(invited, "You are invited to IoT Console", "Browser Mailbox Co");
        assertThat(browser.findElement(By.id("mailbox-q")).getAttribute("value"))
                .isEqualTo(invited.toUpperCase());
        assertThat(mails.get(0).findElement(By.cssSelector("a.mail-link")).getAttribute("href"))
                .contains("/activate?token=");
    }

    private static boolean fitsTheWidth(WebDriver browser) {
        Object fits = ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
        return Boolean.TRUE.equals(fits);
    }

    private void signIn(WebDriver browser, String email, String password) {
        browser.get(data.baseUrl() + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=me]")));
    }

    private static String notice(WebDriver browser) {
        return wait(browser)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice")))
                .getText();
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }
}
