package io.iotconsole.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.customer.CustomerTestSupport;
import io.iotconsole.support.Browsers;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Remote assistance with the customer's approval, in two headless Chromium browsers: the console user asks with a
 * reason, the customer approves in the app, the console user's page offers to open it, the app opens under the
 * banner in read-only mode and refuses a change, and the customer then reads who assisted them and why.
 */
@IntegrationTest
class RemoteAssistanceBrowserTests {
    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Autowired
    TestData data;

    @Test
    void requestedInTheConsoleApprovedInTheAppOpenedReadOnly() {
        var org = data.organization("Consent Browser Co");
        String email = TestData.email("browser-consent");
        String id = CustomerTestSupport.create(org.owner(), "Cleo", "Customer", email);
        org.owner()
                .post("/api/v1/customers/" + id + "/password", Map.of("password", "customer-pass-1"))
                .expect(204);

        WebDriver console = browsers.open();
        console.get(data.baseUrl() + "/login");
        console.findElement(By.id("email")).sendKeys(org.ownerEmail());
        console.findElement(By.id("password")).sendKeys(TestData.PASSWORD);
        console.findElement(By.cssSelector("button[type=submit]")).click();
        wait(console).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

        console.get(data.baseUrl() + "/app-settings");
        console.findElement(By.id("consent-required")).click();
        console.findElement(By.id("assist-minutes")).clear();
        console.findElement(By.id("assist-minutes")).sendKeys("15");
        console.findElement(By.id("assist-read-only")).click();
        console.findElement(By.id("save-assistance")).click();
        wait(console).until(ExpectedConditions.presenceOfElementLocated(By.id("assistance-saved")));

        console.get(data.baseUrl() + "/customers/" + id);
        console.findElement(By.id("remote-assistance")).click();
        assertThat(console.findElement(By.id("consent-needed")).getText()).contains("The customer is asked first");
        console.findElement(By.id("reason")).sendKeys("Ticket 8080");
        console.findElement(By.id("start-assistance")).click();
        wait(console).until(ExpectedConditions.textToBePresentInElementLocated(By.id("assist-state"), "Waiting"));

        WebDriver customer = browsers.open();
        customer.get(data.baseUrl() + "/app/" + org.accountNumber() + "/login");
        customer.findElement(By.id("email")).sendKeys(email);
        customer.findElement(By.id("password")).sendKeys("customer-pass-1");
        customer.findElement(By.id("sign-in")).click();
        wait(customer).until(ExpectedConditions.presenceOfElementLocated(By.id("assistance-waiting")));
        assertThat(customer.findElement(By.id("assistance-waiting")).getText()).contains("Ticket 8080");
        customer.findElement(By.id("answer-assistance")).click();
        String request = customer.findElement(By.id("assistance-requests")).getText();
        assertThat(request).contains(org.ownerEmail(), "Consent Browser Co", "Ticket 8080");
        customer.findElement(By.id("approve-assistance")).click();
        wait(customer).until(ExpectedConditions.presenceOfElementLocated(By.id("answer-notice")));

        // the waiting page notices the approval by itself
        wait(console).until(ExpectedConditions.presenceOfElementLocated(By.id("open-assistance")));
        console.findElement(By.id("open-assistance")).click();
        wait(console).until(ExpectedConditions.presenceOfElementLocated(By.id("assist-banner")));
        assertThat(console.findElement(By.id("assist-banner")).getText())
                .contains("Remote assistance by", "Ticket 8080", "read-only");

        Object refused = ((JavascriptExecutor) console)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "fetch('/app/password', {method: 'POST', headers: {'Content-Type':"
                        + " 'application/x-www-form-urlencoded'}, body: 'current=a&password=b&confirmation=b'})"
                        + ".then(r => r.text().then(t => done(r.status + ' ' + t)));");
        assertThat(String.valueOf(refused)).startsWith("403").contains("read-only");

        console.findElement(By.id("end-assistance")).click();
        wait(console).until(ExpectedConditions.urlContains("/customers/" + id));

        customer.get(data.baseUrl() + "/app/assistance");
        String history = customer.findElement(By.id("assistance-history")).getText();
        assertThat(history)
                .contains("Remote assistance started", "Remote assistance ended", "Ticket 8080", org.ownerEmail());
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }
}
