package io.iotconsole.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.Browsers;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console as a person uses it, in headless Chromium against the running console, PostgreSQL and GreenMail. */
@IntegrationTest
class ConsoleBrowserTests {
    @RegisterExtension
    final Browsers browsers = new Browsers();

    @org.springframework.beans.factory.annotation.Autowired
    TestData data;

    /** The files a test hands to the browser; removed after each test. */
    @TempDir
    java.nio.file.Path files;

    @Test
    void operatorSignsInAndReadsTheRolesPage() {
        WebDriver browser = browsers.open();
        signIn(browser, TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        assertThat(browser.findElement(By.cssSelector("[data-testid=me]")).getText())
                .isEqualTo("Platform Operator");
        browser.findElement(By.linkText("Roles")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("roles-table")));
        List<String> headers = browser.findElements(By.cssSelector("#roles-table thead th")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(headers)
                .containsSubsequence(
                        "Owner", "Admin", "Standard", "Group user", "Read-only", "Third-party", "API user");
        WebElement simState = browser.findElement(By.cssSelector("tr[data-permission='sim.state']"));
        assertThat(simState.findElements(By.tagName("td")).stream()
                        .skip(3)
                        .map(WebElement::getText)
                        .toList())
                .containsExactly("Y", "Y", "Y", "G", "–", "–", "Y");
    }

    @Test
    void ownerInvitesAUserWhoActivatesSignsInAndIsSignedOutByDeactivation() {
        var org = data.organization("Browser Co");
        WebDriver owner = browsers.open();
        signIn(owner, org.ownerEmail(), TestData.PASSWORD);
        owner.findElement(By.linkText("Users")).click();
        owner.findElement(By.linkText("New user")).click();
        String email = TestData.email("browser");
        new Select(owner.findElement(By.id("role"))).selectByVisibleText("Standard");
        owner.findElement(By.id("firstName")).sendKeys("Bruno");
        owner.findElement(By.id("lastName")).sendKeys("Wser");
        owner.findElement(By.id("email")).sendKeys(email);
        owner.findElement(By.id("countryCode")).sendKeys("+44");
        owner.findElement(By.id("mobileNumber")).sendKeys("7700900123");
        owner.findElement(By.cssSelector("button[type=submit].primary")).click();
        assertThat(notice(owner)).isEqualTo("Invitation sent to " + email + ".");
        assertThat(row(owner, email).getText()).contains("Bruno Wser").contains("INVITED");

        WebDriver invitee = browsers.open();
        invitee.get(data.linkUrl(email, "activate"));
        invitee.findElement(By.id("password")).sendKeys("browser-password-1");
        invitee.findElement(By.id("confirmation")).sendKeys("browser-password-1");
        invitee.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(notice(invitee)).contains("Your account is active");
        signIn(invitee, email, "browser-password-1");
        assertThat(invitee.findElement(By.cssSelector("[data-testid=me]")).getText())
                .isEqualTo("Bruno Wser");

        owner.navigate().refresh();
        assertThat(row(owner, email).getText()).contains("ACTIVE");
        row(owner, email).findElement(By.linkText("Deactivate")).click();
        owner.findElement(By.cssSelector("button.danger")).click();
        assertThat(notice(owner)).isEqualTo("Bruno Wser is deactivated.");

        invitee.findElement(By.linkText("Roles")).click();
        wait(invitee).until(ExpectedConditions.urlContains("/login"));
        assertThat(invitee.findElement(By.cssSelector("p.notice")).getText()).contains("Your session has ended");
        signIn(invitee, email, "browser-password-1", false);
        assertThat(invitee.findElement(By.cssSelector("p.problem")).getText()).isEqualTo("Wrong e-mail or password.");
    }

    @Test
    void theUserSearchNarrowsTheListAsOneTypes() {
        var org = data.organization("Search Co");
        for (String name : new String[] {"Quinn", "Quincy", "Rupert"}) {
            org.owner()
                    .post(
                            "/api/v1/users",
                            java.util.Map.of(
                                    "firstName",
                                    name,
                                    "lastName",
                                    "Tester",
                                    "email",
                                    TestData.email(name.toLowerCase()),
                                    "role",
                                    "READ_ONLY"))
                    .expect(201);
        }
        WebDriver browser = browsers.open();
        signIn(browser, org.ownerEmail(), TestData.PASSWORD);
        browser.get(data.baseUrl() + "/users");
        String before = browser.getCurrentUrl();
        WebElement marker = browser.findElement(By.tagName("h1"));
        browser.findElement(By.id("q")).sendKeys("quin");
        wait(browser)
                .until(d ->
                        d.findElements(By.cssSelector("#users-table tbody tr")).size() == 2);
        assertThat(browser.findElement(By.id("users-table")).getText())
                .contains("Quinn")
                .contains("Quincy")
                .doesNotContain("Rupert");
        browser.findElement(By.id("q")).sendKeys("c");
        wait(browser)
                .until(d ->
                        d.findElements(By.cssSelector("#users-table tbody tr")).size() == 1);
        assertThat(browser.getCurrentUrl()).isEqualTo(before);
        assertThat(marker.isDisplayed()).as("the page was not reloaded").isTrue();
    }

    @Test
    void anOwnerTransfersSimsFromAnUploadedFileAfterItsPreview() throws Exception {
        var parent = data.organization("Upload Parent");
        var sub = data.subOrganization(parent, "Upload Sub");
        List<String> s = io.iotconsole.sim.SimInventoryTestSupport.stock(data, parent.id(), 5, 19);
        java.nio.file.Path file = files.resolve("ranges.csv");
        java.nio.file.Files.writeString(
                file, s.get(0) + ";" + s.get(2) + "\n\"" + s.get(4) + "\";\"" + s.get(4) + "\"\n");
        java.nio.file.Path bad = files.resolve("ranges.txt");
        java.nio.file.Files.writeString(bad, s.get(0) + ";" + s.get(2) + "\n" + s.get(1) + ";\n");

        WebDriver owner = browsers.open();
        signIn(owner, parent.ownerEmail(), TestData.PASSWORD);
        owner.findElement(By.linkText("SIMs")).click();
        owner.findElement(By.id("transfer")).click();
        new Select(owner.findElement(By.id("to"))).selectByVisibleText("Upload Sub (" + sub.accountNumber() + ")");
        owner.findElement(By.id("file")).sendKeys(bad.toString());
        owner.findElement(By.id("preview-button")).click();
        wait(owner).until(ExpectedConditions.presenceOfElementLocated(By.id("problems-table")));
        assertThat(owner.findElement(By.id("problems-table")).getText()).contains("Trailing ';'");
        assertThat(owner.findElements(By.id("apply-button"))).isEmpty();

        new Select(owner.findElement(By.id("to"))).selectByVisibleText("Upload Sub (" + sub.accountNumber() + ")");
        owner.findElement(By.id("file")).sendKeys(file.toString());
        owner.findElement(By.id("preview-button")).click();
        wait(owner).until(ExpectedConditions.presenceOfElementLocated(By.id("apply-button")));
        assertThat(owner.findElement(By.cssSelector("#preview-table tr[data-line='1'] td:last-child"))
                        .getText())
                .isEqualTo("3");
        assertThat(owner.findElement(By.cssSelector("#preview-table tr[data-line='2'] td:last-child"))
                        .getText())
                .isEqualTo("1");
        assertThat(owner.findElement(By.id("preview-total")).getText()).isEqualTo("4");
        assertThat(sub.owner().get("/api/v1/sims?size=1").json().get("total").asInt())
                .as("the preview moved nothing")
                .isZero();

        owner.findElement(By.id("apply-button")).click();
        wait(owner).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice")));
        assertThat(owner.findElement(By.cssSelector("p.notice")).getText())
                .isEqualTo("Transferred 4 SIMs from Upload Parent to Upload Sub.");
        assertThat(sub.owner().get("/api/v1/sims?size=1").json().get("total").asInt())
                .isEqualTo(4);
        assertThat(parent.owner().get("/api/v1/sims?size=1").json().get("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void anOwnerCreatesASubOrganisationWithTheWizard() {
        var org = data.organization("Wizard Parent");
        WebDriver owner = browsers.open();
        signIn(owner, org.ownerEmail(), TestData.PASSWORD);
        owner.findElement(By.linkText("Organisations")).click();
        owner.findElement(By.linkText("New sub-organisation")).click();
        owner.findElement(By.id("name")).sendKeys("Wizard Retail");
        owner.findElement(By.id("legalName")).sendKeys("Wizard Retail Ltd");
        owner.findElement(By.cssSelector("button.primary")).click();
        String email = TestData.email("wizard");
        wait(owner)
                .until(ExpectedConditions.presenceOfElementLocated(By.id("ownerFirstName")))
                .sendKeys("Wendy");
        owner.findElement(By.id("ownerLastName")).sendKeys("Wizard");
        // Enter in a field goes forward, as the Next button does, not back to the previous step
        owner.findElement(By.id("ownerEmail")).sendKeys(email + Keys.ENTER);
        WebElement summary = wait(owner).until(ExpectedConditions.presenceOfElementLocated(By.id("wizard-summary")));
        assertThat(summary.getText()).contains("Wizard Retail Ltd").contains("Wendy Wizard <" + email + ">");
        owner.findElement(By.cssSelector("button.primary")).click();
        assertThat(notice(owner)).contains("Sub-organisation Wizard Retail").contains("PENDING");
        assertThat(owner.findElement(By.id("organizations-table")).getText())
                .contains("Wizard Retail")
                .contains("PENDING");

        WebDriver newOwner = browsers.open();
        newOwner.get(data.linkUrl(email, "activate"));
        newOwner.findElement(By.id("password")).sendKeys("wizard-password-1");
        newOwner.findElement(By.id("confirmation")).sendKeys("wizard-password-1");
        newOwner.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(notice(newOwner)).contains("Your account is active");
        owner.navigate().refresh();
        assertThat(owner.findElement(By.id("organizations-table")).getText()).doesNotContain("PENDING");
    }

    @Test
    void aGroupUserSeesOnlyTheSimsOfTheirGroups() {
        var org = data.organization("Group Browser Co");
        String mine = io.iotconsole.sim.SimInventoryTestSupport.iccid();
        String notMine = io.iotconsole.sim.SimInventoryTestSupport.iccid();
        data.operator()
                .raw(
                        "POST",
                        "/api/v1/organizations/" + org.id() + "/sims/import",
                        "text/csv",
                        mine + ",234150000000001,447700900001\n" + notMine + ",234150000000002,447700900002")
                .expect(200);
        String group = org.owner()
                .post("/api/v1/groups", java.util.Map.of("name", "Vans"))
                .json()
                .get("id")
                .asString();
        org.owner()
                .patch("/api/v1/sims/" + mine, java.util.Map.of("groupId", group))
                .expect(200);
        String email = TestData.email("vans");
        org.owner()
                .post(
                        "/api/v1/users",
                        java.util.Map.of(
                                "firstName",
                                "Gus",
                                "lastName",
                                "Group",
                                "email",
                                email,
                                "role",
                                "GROUP_USER",
                                "groupIds",
                                List.of(group)))
                .expect(201);
        data.activate(email, TestData.PASSWORD);

        WebDriver browser = browsers.open();
        signIn(browser, email, TestData.PASSWORD);
        browser.findElement(By.linkText("SIMs")).click();
        WebElement table = wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("sims-table")));
        assertThat(table.getText()).contains(mine).doesNotContain(notMine);
        browser.findElement(By.linkText(mine)).click();
        assertThat(wait(browser)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("sim-detail")))
                        .getText())
                .contains("234150000000001");
        assertThat(browser.findElements(By.id("action-top-up"))).isEmpty();
        browser.get(data.baseUrl() + "/sims/" + notMine);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    }

    @Test
    void typingInTheCustomerLookupNarrowsTheListWithoutAPageReload() {
        var org = data.organization("Lookup Browser Co");
        io.iotconsole.customer.CustomerTestSupport.create(org.owner(), "Zorana", "Quist", TestData.email("zq"));
        io.iotconsole.customer.CustomerTestSupport.create(org.owner(), "Albert", "Quist", TestData.email("aq"));
        io.iotconsole.customer.CustomerTestSupport.create(org.owner(), "Berta", "Lund", TestData.email("bl"));
        WebDriver owner = browsers.open();
        signIn(owner, org.ownerEmail(), TestData.PASSWORD);
        owner.findElement(By.linkText("Customers")).click();
        wait(owner)
                .until(d -> d.findElements(By.cssSelector("#customers-table tbody tr[data-customer-id]"))
                                .size()
                        == 3);
        ((org.openqa.selenium.JavascriptExecutor) owner).executeScript("window.stillTheSamePage = true;");
        owner.findElement(By.id("q")).sendKeys("quis");
        wait(owner)
                .until(d -> d.findElements(By.cssSelector("#customers-table tbody tr[data-customer-id]"))
                                .size()
                        == 2);
        owner.findElement(By.id("q")).sendKeys("t");
        owner.findElement(By.id("q")).clear();
        owner.findElement(By.id("q")).sendKeys("zoran");
        wait(owner)
                .until(d -> d.findElements(By.cssSelector("#customers-table tbody tr[data-customer-id]"))
                                .size()
                        == 1);
        assertThat(owner.findElement(By.cssSelector("#customers-table tbody")).getText())
                .contains("Quist, Zorana");
        assertThat(((org.openqa.selenium.JavascriptExecutor) owner).executeScript("return window.stillTheSamePage"))
                .as("no page reload")
                .isEqualTo(true);
    }

    @Test
    void remoteAssistanceShowsTheBannerAndTheCustomersDevicesThenEnds() {
        var org = data.organization("Assist Browser Co");
        String id =
                io.iotconsole.customer.CustomerTestSupport.create(org.owner(), "Ava", "Assist", TestData.email("ava"));
        io.iotconsole.customer.CustomerTestSupport.devices(org.owner(), id, "Home,,Solar inverter,INV-77,S1,\n");
        WebDriver owner = browsers.open();
        signIn(owner, org.ownerEmail(), TestData.PASSWORD);
        owner.get(data.baseUrl() + "/customers/" + id);
        owner.findElement(By.id("remote-assistance")).click();
        owner.findElement(By.id("reason")).sendKeys("Ticket 99");
        owner.findElement(By.id("start-assistance")).click();
        wait(owner).until(ExpectedConditions.presenceOfElementLocated(By.id("assist-banner")));
        assertThat(owner.findElement(By.id("assist-banner")).getText())
                .contains("Remote assistance by Olive Owner", "Ticket 99");
        assertThat(owner.findElement(By.id("devices")).getText()).contains("Solar inverter", "INV-77");
        owner.findElement(By.id("end-assistance")).click();
        wait(owner).until(ExpectedConditions.presenceOfElementLocated(By.id("customer-status")));
        assertThat(owner.getCurrentUrl()).endsWith("/customers/" + id);
        owner.get(data.baseUrl() + "/app");
        assertThat(owner.getCurrentUrl()).endsWith("/app/login");
    }

    @Test
    void aDisabledCustomersOpenAppPageFailsOnTheNextClickWithTheReason() {
        var org = data.organization("Disable Browser Co");
        String email = TestData.email("dis");
        String id = io.iotconsole.customer.CustomerTestSupport.create(org.owner(), "Dina", "Disabled", email);
        org.owner()
                .post("/api/v1/customers/" + id + "/password", java.util.Map.of("password", "customer-pass-9"))
                .expect(204);
        WebDriver customer = browsers.open();
        customer.get(data.baseUrl() + "/app/login");
        customer.findElement(By.id("account")).sendKeys(org.accountNumber());
        customer.findElement(By.id("email")).sendKeys(email);
        customer.findElement(By.id("password")).sendKeys("customer-pass-9");
        customer.findElement(By.cssSelector("button[type=submit]")).click();
        wait(customer).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Hello, Dina"));

        org.owner().post("/api/v1/customers/" + id + "/disable").expect(200);
        customer.findElement(By.linkText("Password")).click();
        wait(customer).until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
        assertThat(customer.findElement(By.id("login-error")).getText())
                .contains("This account is disabled", "Disable Browser Co");
    }

    @Test
    void aLargeDeviceUploadShowsItsProgressAndItsEndOnTheSamePage() throws Exception {
        var org = data.organization("Progress Co");
        String email = TestData.email("prog");
        io.iotconsole.customer.CustomerTestSupport.create(org.owner(), "Pia", "Progress", email);
        java.nio.file.Path file = files.resolve("devices.csv");
        StringBuilder csv = new StringBuilder("location_name,location_address,device_name,serial_number,model,iccid\n");
        for (int i = 0; i < 150_000; i++) {
            csv.append("Site ")
                    .append(i % 10)
                    .append(",,Meter ")
                    .append(i)
                    .append(",P-")
                    .append(i)
                    .append(",M,\n");
        }
        java.nio.file.Files.writeString(file, csv);
        WebDriver owner = browsers.open();
        signIn(owner, org.ownerEmail(), TestData.PASSWORD);
        owner.get(data.baseUrl() + "/customers/devices/upload");
        owner.findElement(By.id("email")).sendKeys(email);
        owner.findElement(By.id("file")).sendKeys(file.toString());
        owner.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
        wait(owner).until(ExpectedConditions.presenceOfElementLocated(By.id("upload-progress")));
        ((org.openqa.selenium.JavascriptExecutor) owner).executeScript("window.stillTheSamePage = true;");
        new WebDriverWait(owner, Duration.ofSeconds(60))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("upload-done")));
        assertThat(owner.findElement(By.id("upload-done")).getText())
                .contains("150000 devices written from 150000 rows");
        assertThat(((org.openqa.selenium.JavascriptExecutor) owner).executeScript("return window.stillTheSamePage"))
                .as("the page followed the upload without reloading")
                .isEqualTo(true);
    }

    private void signIn(WebDriver browser, String email, String password) {
        signIn(browser, email, password, true);
    }

    private void signIn(WebDriver browser, String email, String password, boolean expectSuccess) {
        browser.get(data.baseUrl() + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        if (expectSuccess) {
            wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=me]")));
        }
    }

    private static String notice(WebDriver browser) {
        return wait(browser)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice")))
                .getText();
    }

    private static WebElement row(WebDriver browser, String email) {
        return wait(browser)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-email='" + email + "']")));
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }
}
