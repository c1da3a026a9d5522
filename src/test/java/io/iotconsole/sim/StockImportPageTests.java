package io.iotconsole.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator's stock import page: the organisation chosen by name and account number, the whole file checked as
 * the API checks it, every problem listed on the import's page, nothing written unless every row is right.
 */
@IntegrationTest
class StockImportPageTests {
    private static final Pattern JOB = Pattern.compile("/sims/stock/imports/([0-9a-f-]{36})$");

    @Autowired
    TestData data;

    private ConsoleSession operator() {
        return data.console(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
    }

    private static String row(String iccid) {
        return iccid + ",23415" + iccid.substring(9, 19) + ",447" + iccid.substring(10, 19) + "\n";
    }

    private long sims(UUID org) {
        return data.jdbc()
                .sql("SELECT count(*) FROM sim_card WHERE organization_id = :org")
                .param("org", org)
                .query(Long.class)
                .single();
    }

    /** Posts the file for the organisation and answers the import's page address. */
    private static String start(ConsoleSession operator, UUID org, String csv) {
        var started = operator.upload(
                "/sims/stock/import", "/sims/stock/import?organizationId=" + org, "file", "stock.csv", csv);
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        String path = URI.create(started.location()).getPath();
        assertThat(path).matches(JOB);
        return path;
    }

    /** The import's page once it has ended. */
    private static String finished(ConsoleSession session, String path) {
        for (int i = 0; i < 300; i++) {
            String page = session.get(path).body();
            if (!page.contains("id=\"upload-running\"")) {
                return page;
            }
            TestData.sleep(100);
        }
        throw new AssertionError("The import did not finish");
    }

    @Test
    void theOperatorImportsAGoodFileIntoTheChosenOrganisation() {
        var org = data.organization("Stock Page Co");
        var other = data.organization("Stock Page Other");
        ConsoleSession operator = operator();
        String form = operator.get("/sims/stock/import").body();
        assertThat(form)
                .contains("Stock Page Co (" + org.accountNumber() + ")")
                .contains("Stock Page Other (" + other.accountNumber() + ")")
                .contains("/sims/stock/template.csv");
        assertThat(operator.get("/sims/stock/template.csv").body()).isEqualTo("iccid,imsi,msisdn\n");
        assertThat(operator.get("/sims?organizationId=" + org.id()).body()).contains("/sims/stock/import");

        String a = SimInventoryTestSupport.iccid();
        String b = SimInventoryTestSupport.iccid();
        String c = SimInventoryTestSupport.iccid();
        String page = finished(operator, start(operator, org.id(), "iccid,imsi,msisdn\n" + row(a) + row(b) + row(c)));

        assertThat(page)
                .contains("id=\"upload-done\"")
                .contains("3 SIMs imported into Stock Page Co.")
                .contains("value=\"100\"")
                .doesNotContain("hx-trigger");
        assertThat(sims(org.id())).isEqualTo(3);
        assertThat(sims(other.id())).isZero();
        assertThat(data.jdbc()
                        .sql(
                                "SELECT count(*) FROM audit_event WHERE organization_id = :org AND action = 'SIMS_IMPORTED'")
                        .param("org", org.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(operator.get("/sims/stock/import").body())
                .as("the page lists the recent imports")
                .contains("id=\"recent-uploads\"")
                .contains("Stock Page Co (" + org.accountNumber() + ")");
    }

    @Test
    void aBadFileListsEveryProblemOnThePageAndWritesNothing() {
        var org = data.organization("Stock Refused Co");
        var known = SimInventoryTestSupport.stock(
                data, data.organization("Stock Known Co").id(), 1, 19);
        ConsoleSession operator = operator();
        String good = SimInventoryTestSupport.iccid();
        String csv = "iccid,imsi,msisdn\n"
                + row(good) // 2: fine
                + "12345,234150000000001,447000000001\n" // 3: not an ICCID
                + row(good) // 4: repeats row 2
                + row(known.get(0)) // 5: already known
                + SimInventoryTestSupport.iccid() + ",abc,447000000002\n" // 6: IMSI not digits
                + "1,2\n"; // 7: two columns
        String path = start(operator, org.id(), csv);
        String page = finished(operator, path);

        assertThat(page)
                .contains("Nothing was written: 5 problems found in 6 rows read.")
                .doesNotContain("hx-trigger");
        List<String> rows = StockImportPageTestSupport.problemRows(page);
        assertThat(rows)
                .containsExactly(
                        "3|iccid|ICCID must have 19 or 20 digits, not 5",
                        "4|iccid|ICCID repeats row 2",
                        "5|iccid|ICCID " + known.get(0) + " is already known",
                        "6|imsi|IMSI must be 6 to 15 digits",
                        "7|iccid|Expected 3 columns (iccid,imsi,msisdn), found 2");
        Matcher report =
                Pattern.compile("/sims/stock/reports/[0-9a-f-]{36}\\.csv").matcher(page);
        assertThat(report.find()).isTrue();
        String csvReport = operator.get(report.group()).body();
        assertThat(csvReport)
                .startsWith("row,column,problem\r\n3,iccid,")
                .contains("7,iccid,\"Expected 3 columns (iccid,imsi,msisdn), found 2\"");
        assertThat(sims(org.id())).as("nothing written").isZero();
    }

    @Test
    void onlyTheOperatorMayImportStockOrSeeAnImport() {
        var org = data.organization("Stock Refusal Co");
        ConsoleSession operator = operator();
        String path = start(operator, org.id(), "iccid,imsi,msisdn\n" + row(SimInventoryTestSupport.iccid()));
        finished(operator, path);

        ConsoleSession owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        assertThat(owner.get("/sims/stock/import").status()).isEqualTo(403);
        assertThat(owner.get(path).status()).isEqualTo(403);
        assertThat(owner.get("/sims/stock/template.csv").status()).isEqualTo(403);
        assertThat(owner.get("/sims").body()).doesNotContain("/sims/stock/import");
        var refused = owner.upload(
                "/sims", "/sims/stock/import?organizationId=" + org.id(), "file", "stock.csv", "iccid,imsi,msisdn\n");
        assertThat(refused.status()).isEqualTo(403);

        // a device upload's id is no stock import
        assertThat(operator.get("/sims/stock/imports/" + UUID.randomUUID()).status())
                .isEqualTo(404);
    }

    @Test
    void anImportWithoutAnOrganisationOrFileStaysOnTheFormSayingWhy() {
        ConsoleSession operator = operator();
        var noOrg = operator.upload(
                "/sims/stock/import",
                "/sims/stock/import",
                "file",
                "stock.csv",
                "iccid,imsi,msisdn\n" + row(SimInventoryTestSupport.iccid()));
        assertThat(noOrg.status()).isEqualTo(200);
        assertThat(noOrg.body()).contains("Choose the organisation").contains("id=\"stock-form\"");
        var noFile = operator.upload(
                "/sims/stock/import",
                "/sims/stock/import?organizationId="
                        + data.organization("Stock Form Co").id(),
                "file",
                "stock.csv",
                "");
        assertThat(noFile.body()).contains("Choose the file to import");
    }
}
