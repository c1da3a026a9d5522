package io.iotconsole.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.customer.CustomerTestSupport;
import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.Browsers;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import io.iotconsole.upload.UploadJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** Uploads as a person follows them in the browser: the bar moving, the end, the problems, another browser. */
@IntegrationTest
class UploadBrowserTests {
    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Autowired
    TestData data;

    /** The files a test hands to the browser; removed after each test. */
    @TempDir
    java.nio.file.Path files;

    @Autowired
    UploadJobs jobs;

    @Test
    void aLargeUploadsBarRisesWhileItRunsThenShowsTheEnd() throws Exception {
        var org = data.organization("Rising Bar Co");
        String email = TestData.email("bar");
        CustomerTestSupport.create(org.owner(), "Bar", "Rising", email);
        int count = 400_000;
        Path file = files.resolve("devices.csv");
        StringBuilder csv = new StringBuilder("location_name,location_address,device_name,serial_number,model,iccid\n");
        for (int i = 0; i < count; i++) {
            csv.append("Site ")
                    .append(i % 10)
                    .append(",,Meter ")
                    .append(i)
                    .append(",B-")
                    .append(i)
                    .append(",M,\n");
        }
        Files.writeString(file, csv);
        WebDriver owner = browsers.open();
        signIn(owner, org.ownerEmail(), TestData.PASSWORD);
        owner.get(data.baseUrl() + "/customers/devices/upload");
        owner.findElement(By.id("email")).sendKeys(email);
        owner.findElement(By.id("file")).sendKeys(file.toString());
        owner.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
        wait(owner, 10).until(ExpectedConditions.presenceOfElementLocated(By.id("upload-bar")));
        ((JavascriptExecutor) owner).executeScript("window.stillTheSamePage = true;");

        List<Integer> seenWhileRunning = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        boolean done = false;
        while (!done && Instant.now().isBefore(deadline)) {
            try {
                WebElement progress = owner.findElement(By.id("upload-progress"));
                String phase = progress.getAttribute("data-phase");
                int value =
                        Integer.parseInt(owner.findElement(By.id("upload-bar")).getAttribute("value"));
                if (phase.equals("DONE")) {
                    done = true;
                } else {
                    assertThat(progress.getAttribute("hx-trigger")).isEqualTo("every 1s");
                    assertThat(owner.findElement(By.id("upload-bar")).getAttribute("max"))
                            .isEqualTo("100");
                    if (seenWhileRunning.isEmpty() || seenWhileRunning.get(seenWhileRunning.size() - 1) != value) {
                        seenWhileRunning.add(value);
                        phases.add(phase);
                    }
                }
            } catch (StaleElementReferenceException | NoSuchElementException swappedMeanwhile) {
                // htmx replaced the part between two reads: read again
            }
            TestData.sleep(150);
        }
        assertThat(done).as("the upload ended within two minutes").isTrue();
        assertThat(seenWhileRunning)
                .as("the bar's values while it ran (phases %s)", phases)
                .hasSizeGreaterThanOrEqualTo(2)
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(seenWhileRunning.get(seenWhileRunning.size() - 1)).isLessThan(100);
        assertThat(owner.findElement(By.id("upload-bar")).getAttribute("value")).isEqualTo("100");
        assertThat(owner.findElement(By.id("upload-done")).getText())
                .contains(count + " devices written from " + count + " rows");
        assertThat(owner.findElement(By.id("upload-phase")).getText()).isEqualTo("Done");
        assertThat(owner.findElement(By.id("upload-progress")).getAttribute("hx-trigger"))
                .as("no more polling")
                .isNull();
        assertThat(((JavascriptExecutor) owner).executeScript("return window.stillTheSamePage"))
                .as("the page followed the upload without reloading")
                .isEqualTo(true);
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM device WHERE organization_id = :org")
                        .param("org", org.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(count);
    }

    @Test
    void aRefusedUploadListsItsProblemsAndAnotherBrowserOfTheOrganisationOpensTheSameJob() throws Exception {
        var org = data.organization("Refused Page Co");
        String email = TestData.email("refused");
        CustomerTestSupport.create(org.owner(), "Ref", "Used", email);
        String adminEmail = TestData.email("refused-admin");
        data.activeUser(org.owner(), "ADMIN", adminEmail);
        Path file = files.resolve("devices.csv");
        Files.writeString(
                file,
                "location_name,location_address,device_name,serial_number,model,iccid\n"
                        + "Home,,Meter,,M,\n" // 2: serial missing
                        + "Home,,Meter 2,S-2,M,12ab\n"); // 3: not an ICCID
        WebDriver owner = browsers.open();
        signIn(owner, org.ownerEmail(), TestData.PASSWORD);
        owner.get(data.baseUrl() + "/customers/devices/upload");
        owner.findElement(By.id("email")).sendKeys(email);
        owner.findElement(By.id("file")).sendKeys(file.toString());
        owner.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
        wait(owner, 30).until(ExpectedConditions.presenceOfElementLocated(By.id("problems-table")));
        assertThat(problemRows(owner))
                .containsExactly(
                        List.of("2", "serial_number", "Required"),
                        List.of("3", "iccid", "An ICCID is 19 or 20 digits"));
        assertThat(owner.findElement(By.cssSelector("#upload-problems [role=alert]"))
                        .getText())
                .isEqualTo("Nothing was written: 2 problems found in 2 rows read.");
        assertThat(owner.findElement(By.id("report-download")).getAttribute("href"))
                .matches(".*/customers/devices/reports/[0-9a-f-]{36}\\.csv");
        String jobUrl = owner.getCurrentUrl();

        owner.navigate().refresh();
        assertThat(problemRows(owner)).hasSize(2);

        WebDriver admin = browsers.open();
        signIn(admin, adminEmail, TestData.PASSWORD);
        admin.get(jobUrl);
        assertThat(problemRows(admin))
                .containsExactly(
                        List.of("2", "serial_number", "Required"),
                        List.of("3", "iccid", "An ICCID is 19 or 20 digits"));
        assertThat(admin.findElement(By.id("upload-file")).getText())
                .startsWith(file.getFileName().toString());
        admin.get(data.baseUrl() + "/customers/devices/upload");
        admin.findElement(By.cssSelector("#recent-uploads-table a")).click();
        assertThat(admin.getCurrentUrl()).isEqualTo(jobUrl);
    }

    @Test
    void anUploadInterruptedByARestartEndsAsFailedAndItsPageStopsPolling() {
        var org = data.organization("Interrupted Page Co");
        String email = TestData.email("interrupted");
        String customer = CustomerTestSupport.create(org.owner(), "Inter", "Rupted", email);
        UUID job = UUID.randomUUID();
        data.jdbc()
                .sql("""
                        INSERT INTO upload_job (id, kind, organization_id, subject_id, subject_label, status, phase,
                            file_name, file_size, bytes_read, rows_read, instance_id, started_at, heartbeat_at)
                        VALUES (:id, 'DEVICES', :org, :customer, 'Inter Rupted', 'RUNNING', 'READING', 'big.csv',
                            10000000, 4000000, 120000, :instance, now() - interval '10 minutes', now())""")
                .param("id", job)
                .param("org", org.id())
                .param("customer", UUID.fromString(customer))
                .param("instance", UUID.randomUUID())
                .update();
        WebDriver owner = browsers.open();
        signIn(owner, org.ownerEmail(), TestData.PASSWORD);
        owner.get(data.baseUrl() + "/customers/devices/uploads/" + job);
        assertThat(read(owner, By.id("upload-running"), null))
                .isEqualTo("Reading the file: 120000 rows read so far (40% of 10.0 MB).");
        assertThat(read(owner, By.id("upload-bar"), "value")).isEqualTo("28");
        assertThat(read(owner, By.id("upload-progress"), "hx-trigger")).isEqualTo("every 1s");

        // the instance running it stops: no more heartbeats
        data.jdbc()
                .sql("UPDATE upload_job SET heartbeat_at = now() - interval '5 minutes' WHERE id = :id")
                .param("id", job)
                .update();
        jobs.failAbandoned(); // what every instance does at start-up and every half minute

        wait(owner, 10).until(ExpectedConditions.presenceOfElementLocated(By.id("upload-failed")));
        assertThat(owner.findElement(By.id("upload-failed")).getText()).isEqualTo(UploadJobs.INTERRUPTED);
        assertThat(data.jdbc()
                        .sql("SELECT status || ' ' || phase FROM upload_job WHERE id = :id")
                        .param("id", job)
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED FAILED");
        assertThat(owner.findElement(By.id("upload-phase")).getText()).isEqualTo("Failed: nothing was written");
        assertThat(owner.findElements(By.id("upload-bar"))).isEmpty();
        assertThat(owner.findElement(By.id("upload-progress")).getAttribute("hx-trigger"))
                .isNull();
        long asked = jobRequests(owner, job);
        TestData.sleep(2500);
        assertThat(jobRequests(owner, job)).as("the page asks no more").isEqualTo(asked);
    }

    @Test
    void theOperatorImportsStockIntoAnOrganisationChosenByNameAndAccountNumber() throws Exception {
        var org = data.organization("Browser Stock Co");
        String iccid = SimInventoryTestSupport.iccid();
        Path file = files.resolve("stock.csv");
        Files.writeString(
                file,
                "iccid,imsi,msisdn\n" + iccid + ",23415" + iccid.substring(9, 19) + ",447" + iccid.substring(10, 19)
                        + "\n");
        WebDriver operator = browsers.open();
        signIn(operator, TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        operator.get(data.baseUrl() + "/sims");
        operator.findElement(By.id("import-stock")).click();
        new Select(operator.findElement(By.id("organizationId")))
                .selectByVisibleText("Browser Stock Co (" + org.accountNumber() + ")");
        operator.findElement(By.id("file")).sendKeys(file.toString());
        operator.findElement(By.cssSelector("#stock-form button[type=submit]")).click();
        wait(operator, 30).until(ExpectedConditions.presenceOfElementLocated(By.id("upload-done")));
        assertThat(operator.findElement(By.id("upload-done")).getText())
                .contains("1 SIM imported into Browser Stock Co.");
        operator.findElement(By.id("upload-result")).click();
        wait(operator, 10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=me]")));
        assertThat(operator.getPageSource()).contains(iccid);
    }

    /**
     * An element's text (or attribute) read in one go, again if the page's polling replaced the element meanwhile.
     */
    private static String read(WebDriver browser, By by, String attribute) {
        return wait(browser, 10).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement e = d.findElement(by);
            return attribute == null ? e.getText() : e.getAttribute(attribute);
        });
    }

    /** How many times the page has asked for the job so far (the browser's own record of its requests). */
    private static long jobRequests(WebDriver browser, UUID job) {
        return (Long) ((JavascriptExecutor) browser)
                .executeScript(
                        "return performance.getEntriesByType('resource').filter(e => e.name.includes(arguments[0])).length;",
                        job.toString());
    }

    private static List<List<String>> problemRows(WebDriver browser) {
        return browser.findElements(By.cssSelector("#problems-table tbody tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream()
                        .map(WebElement::getText)
                        .toList())
                .toList();
    }

    private void signIn(WebDriver browser, String email, String password) {
        browser.get(data.baseUrl() + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(browser, 10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=me]")));
    }

    private static WebDriverWait wait(WebDriver browser, int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }
}
