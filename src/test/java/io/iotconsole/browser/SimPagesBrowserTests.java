package io.iotconsole.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.Browsers;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** The SIM pages in headless Chromium: groups, select-many with its confirmation, sorting, page size, editing. */
@IntegrationTest
class SimPagesBrowserTests {
    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Autowired
    TestData data;

    @Test
    void anOwnerGroupsSimsAfterAConfirmationSortsEditsAndAGroupUserSeesOnlyThatGroup() {
        var org = data.organization("Browser Groups Co");
        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 12, 19);
        WebDriver owner = browsers.open();
        signIn(owner, org.ownerEmail());

        owner.findElement(By.linkText("SIMs")).click();
        owner.findElement(By.id("groups-link")).click();
        owner.findElement(By.id("name")).sendKeys("Vans");
        owner.findElement(By.id("group-create-submit")).click();
        assertThat(notice(owner)).isEqualTo("Group \"Vans\" created.");
        assertThat(owner.findElement(By.id("groups-table")).getText()).contains("Vans");

        owner.findElement(By.linkText("SIMs")).click();
        List<String> picked = List.of(sims.get(0), sims.get(2), sims.get(4));
        for (String iccid : picked) {
            owner.findElement(By.id("select-" + iccid)).click();
        }
        assertThat(owner.findElement(By.id("selected-count")).getText()).isEqualTo("3 SIMs selected:");
        new Select(owner.findElement(By.id("bulk-group"))).selectByVisibleText("Vans");
        owner.findElement(By.id("bulk-group-submit")).click();
        WebElement title = wait(owner).until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-title")));
        assertThat(title.getText()).isEqualTo("Move 3 SIMs to Vans?");
        assertThat(owner.findElement(By.id("confirm-sims")).getText()).contains(picked);
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM sim_card WHERE iccid = ANY(:i) AND group_id IS NOT NULL")
                        .param("i", picked.toArray(String[]::new))
                        .query(Long.class)
                        .single())
                .as("nothing moved before the confirmation")
                .isZero();
        owner.findElement(By.id("confirm")).click();
        assertThat(notice(owner)).isEqualTo("3 SIMs moved to Vans.");

        new Select(owner.findElement(By.id("group-filter"))).selectByVisibleText("Vans");
        owner.findElement(By.cssSelector("#sim-filters button[type=submit]")).click();
        wait(owner).until(d -> rows(d).size() == 3);
        assertThat(rows(owner).stream().map(r -> r.getAttribute("data-iccid")).toList())
                .containsExactlyElementsOf(picked);
        assertThat(owner.findElements(By.cssSelector("#sims-table td.group")).stream()
                        .map(WebElement::getText)
                        .distinct()
                        .toList())
                .containsExactly("Vans");

        WebElement iccidHeader = header(owner, "ICCID");
        assertThat(iccidHeader.getAttribute("aria-sort")).isEqualTo("ascending");
        iccidHeader.findElement(By.tagName("a")).click();
        wait(owner).until(d -> "descending".equals(header(d, "ICCID").getAttribute("aria-sort")));
        assertThat(rows(owner).stream().map(r -> r.getAttribute("data-iccid")).toList())
                .containsExactly(picked.get(2), picked.get(1), picked.get(0));
        assertThat(owner.getCurrentUrl()).contains("groupId=");

        owner.get(data.baseUrl() + "/sims");
        assertThat(rows(owner)).hasSize(12);
        new Select(owner.findElement(By.name("size"))).selectByVisibleText("10");
        owner.findElement(By.cssSelector(".page-size button[type=submit]")).click();
        wait(owner).until(d -> rows(d).size() == 10);
        assertThat(owner.findElement(By.cssSelector(".pager .pages")).getText()).contains("Page 1 of 2 · 12 SIMs");
        owner.findElement(By.linkText("Next →")).click();
        wait(owner).until(d -> rows(d).size() == 2);

        owner.get(data.baseUrl() + "/sims/" + sims.get(0));
        owner.findElement(By.id("label")).clear();
        owner.findElement(By.id("label")).sendKeys("Pump 4");
        owner.findElement(By.id("imeiLock")).click();
        owner.findElement(By.id("imei")).sendKeys("490154203237519");
        owner.findElement(By.id("sim-edit-save")).click();
        WebElement imeiError = wait(owner).until(ExpectedConditions.visibilityOfElementLocated(By.id("imei-error")));
        assertThat(imeiError.getText()).startsWith("IMEI:").contains("check digit");
        assertThat(owner.findElement(By.id("imei")).getAttribute("value")).isEqualTo("490154203237519");
        assertThat(owner.findElement(By.id("label")).getAttribute("value")).isEqualTo("Pump 4");
        assertThat(owner.findElement(By.id("imeiLock")).isSelected()).isTrue();
        assertThat(owner.findElement(By.id("sim-detail")).getText()).doesNotContain("Pump 4");
        owner.findElement(By.id("imei")).clear();
        owner.findElement(By.id("imei")).sendKeys("490154203237518");
        owner.findElement(By.id("sim-edit-save")).click();
        assertThat(notice(owner)).isEqualTo("Saved.");
        assertThat(owner.findElement(By.id("sim-detail")).getText())
                .contains("Pump 4")
                .contains("490154203237518")
                .contains("Vans");

        new Select(owner.findElement(By.id("state"))).selectByVisibleText("SUSPENDED");
        owner.findElement(By.cssSelector("#action-state button[type=submit]")).click();
        assertThat(wait(owner)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-title")))
                        .getText())
                .isEqualTo("Suspend SIM " + sims.get(0) + "?");
        assertThat(org.owner()
                        .get("/api/v1/sims/" + sims.get(0))
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("ACTIVE");
        owner.findElement(By.id("confirm")).click();
        assertThat(notice(owner)).isEqualTo("State is now SUSPENDED.");

        String vans = org.owner()
                .get("/api/v1/groups")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        String email = TestData.email("vans");
        org.owner()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "Gus",
                                "lastName",
                                "Group",
                                "email",
                                email,
                                "role",
                                "GROUP_USER",
                                "groupIds",
                                List.of(vans)))
                .expect(201);
        data.activate(email, TestData.PASSWORD);
        WebDriver groupUser = browsers.open();
        groupUser.manage().window().setSize(new Dimension(390, 844));
        signIn(groupUser, email);
        groupUser.get(data.baseUrl() + "/sims");
        wait(groupUser).until(ExpectedConditions.presenceOfElementLocated(By.id("sims-table")));
        assertThat(rows(groupUser).stream()
                        .map(r -> r.getAttribute("data-iccid"))
                        .toList())
                .containsExactlyInAnyOrderElementsOf(picked);
        assertThat(new Select(groupUser.findElement(By.id("group-filter")))
                        .getOptions().stream().map(WebElement::getText).toList())
                .containsExactly("Any", "Vans");
        assertThat(groupUser.findElements(By.id("bulk-group"))).isEmpty();
    }

    @Test
    void aReadOnlyUserIsNotOfferedWhatTheyMayNotDo() {
        var org = data.organization("Browser Read Only Co");
        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 2, 19);
        org.owner().post("/api/v1/groups", Map.of("name", "Fleet")).expect(201);
        String email = TestData.email("reader");
        data.activeUser(org.owner(), "READ_ONLY", email);
        WebDriver reader = browsers.open();
        signIn(reader, email);
        reader.findElement(By.linkText("SIMs")).click();
        wait(reader).until(ExpectedConditions.presenceOfElementLocated(By.id("sims-table")));
        assertThat(rows(reader)).hasSize(2);
        assertThat(reader.findElements(By.cssSelector("#sims-table input[type=checkbox]")))
                .isEmpty();
        assertThat(reader.findElements(By.id("bulk-form"))).isEmpty();
        assertThat(header(reader, "Group").getText()).isEqualTo("Group");

        reader.findElement(By.linkText(sims.get(0))).click();
        wait(reader).until(ExpectedConditions.presenceOfElementLocated(By.id("sim-detail")));
        assertThat(reader.findElements(By.id("sim-edit"))).isEmpty();
        assertThat(reader.findElements(By.id("action-state"))).isEmpty();
        assertThat(reader.findElements(By.cssSelector("main form[method=post]")))
                .isEmpty();

        reader.get(data.baseUrl() + "/groups");
        assertThat(reader.findElement(By.id("groups-table")).getText()).contains("Fleet");
        assertThat(reader.findElements(By.id("group-create"))).isEmpty();
        assertThat(reader.findElements(By.linkText("Delete"))).isEmpty();
        assertThat(reader.findElements(By.linkText("Rename"))).isEmpty();
        reader.findElement(By.linkText("Fleet")).click();
        assertThat(reader.findElements(By.id("group-rename"))).isEmpty();
    }

    private static List<WebElement> rows(WebDriver browser) {
        return browser.findElements(By.cssSelector("#sims-table tbody tr[data-iccid]"));
    }

    private static WebElement header(WebDriver browser, String label) {
        return browser.findElements(By.cssSelector("#sims-table thead th")).stream()
                .filter(th ->
                        th.getText().replace("▲", "").replace("▼", "").strip().equals(label))
                .findFirst()
                .orElseThrow();
    }

    private void signIn(WebDriver browser, String email) {
        browser.get(data.baseUrl() + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(TestData.PASSWORD);
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
