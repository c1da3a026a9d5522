package io.iotconsole.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.iotconsole.support.Browsers;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.MovableClock;
import io.iotconsole.support.TestData;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Second factors in headless Chromium: a passkey registered on the Sign-in security page with Chrome's virtual
 * authenticator (no real device) and then signing in on its own, and as the second step after a password; an
 * authenticator app enrolled and used through the pages. Passkeys belong to a domain, so these pages are opened at
 * {@code localhost}, the console's relying party when no base URL is configured.
 */
@IntegrationTest
class SecondFactorBrowserTests {
    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Autowired
    TestData data;

    @Autowired
    MovableClock clock;

    @LocalServerPort
    int port;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aPasskeyIsRegisteredOnTheProfileAndSignsInAloneOrAfterThePassword() {
        var org = data.organization("Passkey Browser Co");
        String email = TestData.email("passkey");
        UUID id = data.activeUser(org.owner(), "STANDARD", email);
        WebDriver browser = browsers.open();
        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) browser)
                .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true)
                        .setIsUserConsenting(true));

        signInWithPassword(browser, email);
        browser.get(base() + "/profile/security");
        browser.findElement(By.id("passkey-label")).sendKeys("Work laptop");
        browser.findElement(By.cssSelector("#passkey-register button")).click();
        wait(browser)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("[data-testid=passkeys]"), "Work laptop"));
        assertThat(authenticator.getCredentials()).hasSize(1);
        assertThat(audit(id, "PASSKEY_ADDED")).isEqualTo(1);

        // the passkey alone signs in
        signOut(browser);
        browser.findElement(By.id("passkey-sign-in")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=me]")));
        browser.get(base() + "/sims");
        assertThat(browser.getCurrentUrl()).endsWith("/sims");
        assertThat(audit(id, "SIGN_IN")).isEqualTo(2);

        // the password now needs the passkey after it
        signOut(browser);
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(TestData.PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]"))
                .click();
        wait(browser).until(ExpectedConditions.urlContains("/sign-in/second-factor"));
        browser.get(base() + "/sims");
        assertThat(browser.getCurrentUrl()).contains("/sign-in/second-factor");
        wait(browser)
                .until(ExpectedConditions.elementToBeClickable(By.id("passkey-sign-in")))
                .click();
        wait(browser).until(ExpectedConditions.not(ExpectedConditions.urlContains("/sign-in/second-factor")));
        browser.get(base() + "/sims");
        assertThat(browser.getCurrentUrl()).endsWith("/sims");

        // renamed, then removed
        browser.get(base() + "/profile/security");
        var label = browser.findElement(By.id("label-0"));
        label.clear();
        label.sendKeys("Old laptop");
        browser.findElement(By.cssSelector("[data-testid=passkeys] form.inline-form button"))
                .click();
        wait(browser).until(ExpectedConditions.attributeToBe(By.id("label-0"), "value", "Old laptop"));
        browser.findElement(By.cssSelector("[data-testid=passkeys] button.danger"))
                .click();
        wait(browser)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "No passkeys yet"));
        assertThat(audit(id, "PASSKEY_REMOVED")).isEqualTo(1);

        // the authenticator still offers the removed passkey: refused, and the refusal is in the audit log
        signOut(browser);
        wait(browser)
                .until(ExpectedConditions.elementToBeClickable(By.id("passkey-sign-in")))
                .click();
        wait(browser).until(d -> refusedSignIns(id) == 1);
        browser.get(base() + "/sims");
        assertThat(browser.getCurrentUrl()).contains("/login");
    }

    private long refusedSignIns(UUID user) {
        return data.jdbc()
                .sql(
                        "SELECT count(*) FROM audit_event WHERE target_id = :t AND action = 'SIGN_IN' AND outcome = 'FAILURE'"
                                + " AND detail = 'a passkey the console does not know, via the console'")
                .param("t", user.toString())
                .query(Long.class)
                .single();
    }

    @Test
    void anAuthenticatorAppIsSetUpAndAskedForThroughThePages() {
        var org = data.organization("App Browser Co");
        String email = TestData.email("app");
        data.activeUser(org.owner(), "STANDARD", email);
        WebDriver browser = browsers.open();
        signInWithPassword(browser, email);
        browser.get(base() + "/profile");
        browser.findElement(By.linkText("Sign-in security")).click();
        browser.findElement(By.xpath("//button[normalize-space()='Set up an authenticator app']"))
                .click();
        // each button below posts a form: the next page is awaited, not assumed to be there at once
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=qr-code] svg")));
        assertThat(browser.findElements(By.cssSelector("[data-testid=qr-code] svg")))
                .hasSize(1);
        String secret =
                browser.findElement(By.cssSelector("[data-testid=totp-secret]")).getText();
        browser.findElement(By.id("code")).sendKeys(code(secret));
        browser.findElement(By.xpath("//button[normalize-space()='Confirm']")).click();
        wait(browser)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=recovery-codes] li")));
        assertThat(browser.findElements(By.cssSelector("[data-testid=recovery-codes] li")))
                .hasSize(10);
        assertThat(browser.findElement(By.cssSelector("[data-testid=app-status]"))
                        .getText())
                .contains("is set up");

        signOut(browser);
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(TestData.PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]"))
                .click();
        wait(browser).until(ExpectedConditions.urlContains("/sign-in/second-factor"));
        clock.advance(Duration.ofSeconds(30));
        browser.findElement(By.id("code")).sendKeys("000000".equals(code(secret)) ? "111111" : "000000");
        browser.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("code-error")));
        assertThat(browser.findElement(By.id("code-error")).getText()).contains("not right");
        browser.findElement(By.id("code")).sendKeys(code(secret));
        browser.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=me]")));
        browser.get(base() + "/sims");
        assertThat(browser.getCurrentUrl()).endsWith("/sims");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private void signInWithPassword(WebDriver browser, String email) {
        browser.get(base() + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(TestData.PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]"))
                .click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=me]")));
    }

    private void signOut(WebDriver browser) {
        browser.get(base() + "/profile/security");
        browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        wait(browser).until(ExpectedConditions.urlContains("/login"));
    }

    private String code(String secret) {
        var generator = new TimeBasedOneTimePasswordGenerator();
        try {
            return String.format(
                    Locale.ROOT,
                    "%06d",
                    generator.generateOneTimePassword(
                            new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), clock.instant()));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private long audit(UUID target, String action) {
        return data.jdbc()
                .sql("SELECT count(*) FROM audit_event WHERE target_id = :t AND action = :a AND outcome = 'SUCCESS'")
                .param("t", target.toString())
                .param("a", action)
                .query(Long.class)
                .single();
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }
}
