package io.iotconsole.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.customer.CustomerTestSupport;
import io.iotconsole.support.Browsers;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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

/** Lists as a person uses them in headless Chromium: sorting by a header, choosing a page size, row actions. */
@IntegrationTest
class ListBrowserTests {
    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Autowired
    TestData data;

    private List<String> customerIdsInSqlOrder(UUID org, String orderBy) {
        return data.jdbc()
                .sql("SELECT id::text FROM customer WHERE organization_id = :org ORDER BY " + orderBy)
                .param("org", org)
                .query(String.class)
                .list();
    }

    /** Read in one script, so that rows swapped in by the search while they are read never go stale. */
    @SuppressWarnings("unchecked")
    private static List<String> rowIds(WebDriver browser) {
        return (List<String>) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return Array.from(document.querySelectorAll("
                        + "'#customers-table tbody tr[data-customer-id]')).map(r => r.dataset.customerId)");
    }

    private static WebElement header(WebDriver browser, String label) {
        return browser.findElements(By.cssSelector("#customers-table thead th")).stream()
                .filter(th -> th.getText().startsWith(label))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void clickingAHeaderSortsTheRowsAndSaysSoThenTheOtherWay() {
        var org = data.organization("Header Sort Co");
        for (String[] p : new String[][] {{"Mia", "Orr", "zz"}, {"Al", "Berg", "mm"}, {"Ria", "Cole", "aa"}}) {
            CustomerTestSupport.create(org.owner(), p[0], p[1], TestData.email(p[2]));
        }
        WebDriver browser = browsers.open();
        signIn(browser, org.ownerEmail());
        browser.get(data.baseUrl() + "/customers");
        assertThat(header(browser, "E-mail").getAttribute("aria-sort")).isEqualTo("none");
        assertThat(header(browser, "Name").getAttribute("aria-sort")).isEqualTo("ascending");

        header(browser, "E-mail").findElement(By.tagName("a")).click();
        wait(browser).until(ExpectedConditions.urlContains("sort=email"));
        assertThat(header(browser, "E-mail").getAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(header(browser, "Name").getAttribute("aria-sort")).isEqualTo("none");
        assertThat(rowIds(browser)).isEqualTo(customerIdsInSqlOrder(org.id(), "lower(email), id"));

        header(browser, "E-mail").findElement(By.tagName("a")).click();
        wait(browser).until(ExpectedConditions.urlContains("sort=-email"));
        assertThat(header(browser, "E-mail").getAttribute("aria-sort")).isEqualTo("descending");
        assertThat(rowIds(browser)).isEqualTo(customerIdsInSqlOrder(org.id(), "lower(email) DESC, id DESC"));

        browser.findElement(By.cssSelector("#customers-table thead a[data-sort=firstName]"))
                .click();
        wait(browser).until(ExpectedConditions.urlContains("sort=firstName"));
        assertThat(header(browser, "Name").getAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(rowIds(browser))
                .isEqualTo(customerIdsInSqlOrder(org.id(), "lower(first_name), lower(last_name), id"));
    }

    @Test
    void choosingAPageSizeShowsThatManyRowsAndKeepsTheSearchAndTheSort() {
        var org = data.organization("Page Size Co");
        for (int i = 0; i < 12; i++) {
            CustomerTestSupport.create(org.owner(), "Paged" + i, "Quartz", TestData.email("paged" + i));
        }
        CustomerTestSupport.create(org.owner(), "Other", "Person", TestData.email("other"));
        WebDriver browser = browsers.open();
        signIn(browser, org.ownerEmail());
        browser.get(data.baseUrl() + "/customers?sort=-firstName");
        browser.findElement(By.id("q")).sendKeys("quartz");
        wait(browser).until(d -> rowIds(d).size() == 12);

        new Select(browser.findElement(By.cssSelector("form.page-size select[name=size]"))).selectByValue("10");
        browser.findElement(By.cssSelector("form.page-size button[type=submit]"))
                .click();
        wait(browser).until(ExpectedConditions.urlContains("size=10"));
        assertThat(browser.getCurrentUrl()).contains("q=quartz").contains("sort=-firstName");
        assertThat(rowIds(browser)).hasSize(10);
        assertThat(browser.findElement(By.id("q")).getAttribute("value")).isEqualTo("quartz");
        assertThat(browser.findElement(By.id("customer-count")).getText()).isEqualTo("12 customers");
        List<String> expected = data.jdbc()
                .sql("SELECT id::text FROM customer WHERE organization_id = :org AND last_name = 'Quartz'"
                        + " ORDER BY lower(first_name) DESC, lower(last_name) DESC, id DESC")
                .param("org", org.id())
                .query(String.class)
                .list();
        assertThat(rowIds(browser)).isEqualTo(expected.subList(0, 10));

        browser.findElement(By.cssSelector(".pager a[rel=next]")).click();
        wait(browser).until(ExpectedConditions.urlContains("page=1"));
        assertThat(rowIds(browser)).isEqualTo(expected.subList(10, 12));
        assertThat(new Select(browser.findElement(By.cssSelector("form.page-size select[name=size]")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("10");

        // typing again keeps the chosen size and order
        browser.get(data.baseUrl() + "/customers?sort=-firstName&size=10");
        browser.findElement(By.id("q")).sendKeys("quartz");
        wait(browser).until(d -> rowIds(d).size() == 10);
        assertThat(rowIds(browser)).isEqualTo(expected.subList(0, 10));
    }

    @Test
    void lookupRowsOfferTheActionsEachRoleMayTake() {
        var org = data.organization("Row Actions Co");
        String enabled = CustomerTestSupport.create(org.owner(), "Ena", "Bled", TestData.email("ena"));
        String disabled = CustomerTestSupport.create(org.owner(), "Dis", "Abled", TestData.email("dis"));
        org.owner().post("/api/v1/customers/" + disabled + "/disable").expect(200);
        String standard = TestData.email("standard");
        data.activeUser(org.owner(), "STANDARD", standard);
        String readOnly = TestData.email("readonly");
        data.activeUser(org.owner(), "READ_ONLY", readOnly);

        WebDriver owner = browsers.open();
        signIn(owner, org.ownerEmail());
        owner.get(data.baseUrl() + "/customers");
        assertThat(actions(owner, enabled))
                .containsExactly("Reset password", "Disable", "Remote assistance", "Upload devices");
        assertThat(actions(owner, disabled)).containsExactly("Reset password", "Enable", "Upload devices");

        WebDriver standardUser = browsers.open();
        signIn(standardUser, standard);
        standardUser.get(data.baseUrl() + "/customers");
        assertThat(actions(standardUser, enabled)).containsExactly("Reset password", "Disable", "Upload devices");

        WebDriver readOnlyUser = browsers.open();
        signIn(readOnlyUser, readOnly);
        readOnlyUser.get(data.baseUrl() + "/customers");
        assertThat(rowIds(readOnlyUser)).contains(enabled, disabled);
        assertThat(readOnlyUser.findElements(By.cssSelector("#customers-table details.row-menu")))
                .isEmpty();
        assertThat(readOnlyUser
                        .findElement(By.cssSelector("#customers-table thead"))
                        .getText())
                .doesNotContain("Actions");
    }

    @Test
    void disablingFromARowOnAPhoneConfirmsAndComesBackToTheLookup() {
        var org = data.organization("Row Disable Co");
        String id = CustomerTestSupport.create(org.owner(), "Dana", "Rowe", TestData.email("dana"));
        CustomerTestSupport.create(org.owner(), "Other", "Person", TestData.email("other"));
        WebDriver browser = browsers.open();
        browser.manage().window().setSize(new Dimension(390, 844));
        signIn(browser, org.ownerEmail());
        browser.get(data.baseUrl() + "/customers?sort=-email");
        browser.findElement(By.id("q")).sendKeys("rowe");
        wait(browser).until(d -> rowIds(d).size() == 1);

        WebElement row = browser.findElement(By.cssSelector("tr[data-customer-id='" + id + "']"));
        WebElement summary = row.findElement(By.cssSelector("details.row-menu summary"));
        scrollTo(browser, summary);
        summary.click();
        WebElement disable = row.findElement(By.cssSelector("a[data-action=disable]"));
        scrollTo(browser, disable);
        wait(browser).until(ExpectedConditions.elementToBeClickable(disable)).click();
        wait(browser).until(ExpectedConditions.urlContains("/customers/" + id + "/disable"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Disable Dana Rowe?");

        browser.findElement(By.id("confirm")).click();
        wait(browser).until(ExpectedConditions.urlContains("q=rowe"));
        assertThat(browser.getCurrentUrl()).contains("/customers?").contains("sort=-email");
        assertThat(notice(browser)).contains("Dana Rowe is disabled");
        assertThat(browser.findElement(By.id("q")).getAttribute("value")).isEqualTo("rowe");
        assertThat(browser.findElement(By.cssSelector("tr[data-customer-id='" + id + "']"))
                        .getText())
                .contains("DISABLED");
    }

    private static List<String> actions(WebDriver browser, String customerId) {
        WebElement row = browser.findElement(By.cssSelector("tr[data-customer-id='" + customerId + "']"));
        row.findElement(By.cssSelector("details.row-menu summary")).click();
        return row.findElements(By.cssSelector("details.row-menu li a")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static void scrollTo(WebDriver browser, WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", element);
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
        // rows read while the search swaps them in are stale: read them again
        return (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }
}
