package io.iotconsole.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A device upload's page: the file, its size, the phase and a progress bar; a refused upload lists its problems on
 * the page (the first 300, the report has them all); any user of the organisation who may manage customers opens
 * the same job, nobody else finds it.
 */
@IntegrationTest
class DeviceUploadPageTests {
    @Autowired
    TestData data;

    private static String start(ConsoleSession session, String email, String csv) {
        var started = session.upload(
                "/customers/devices/upload", "/customers/devices/upload?email=" + email, "file", "my-devices.csv", csv);
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        return URI.create(started.location()).getPath();
    }

    private static String finished(ConsoleSession session, String path) {
        for (int i = 0; i < 300; i++) {
            String page = session.get(path).body();
            if (!page.contains("id=\"upload-running\"")) {
                return page;
            }
            TestData.sleep(100);
        }
        throw new AssertionError("The upload did not finish");
    }

    @Test
    void aRefusedUploadListsItsProblemsOnItsPageAndTheFullReportAsCsv() {
        var org = data.organization("Listed Problems Co");
        String email = TestData.email("listed");
        CustomerTestSupport.create(org.owner(), "Lis", "Ted", email);
        ConsoleSession owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        StringBuilder csv = new StringBuilder(DeviceUploadTests.HEADER);
        csv.append("Home,,Meter,SN-1,M,\n"); // row 2: fine
        for (int i = 0; i < 350; i++) {
            csv.append("Home,,Meter ").append(i).append(",,M,\n"); // rows 3-352: serial missing
        }
        csv.append("Home,,Meter x,SN-1,M,\n"); // row 353: serial repeats row 2
        String path = start(owner, email, csv.toString());
        String page = finished(owner, path);

        assertThat(page)
                .contains("Nothing was written: 351 problems found in 352 rows read.")
                .contains("my-devices.csv (")
                .contains("The first 300 of 351 problems are listed below; the report has them all.")
                .doesNotContain("hx-trigger");
        var rows = io.iotconsole.sim.StockImportPageTestSupport.problemRows(page);
        assertThat(rows).hasSize(300);
        assertThat(rows.get(0)).isEqualTo("3|serial_number|Required");
        assertThat(rows.get(299)).isEqualTo("302|serial_number|Required");
        Matcher report = Pattern.compile("/customers/devices/reports/[0-9a-f-]{36}\\.csv")
                .matcher(page);
        assertThat(report.find()).isTrue();
        String full = owner.get(report.group()).body();
        assertThat(full.lines().count()).as("the header and every problem").isEqualTo(352);
        assertThat(full).contains("353,serial_number,Repeats the serial number of row 2");
    }

    @Test
    void theSameJobOpensForAnotherUserOfTheOrganisationAndForNobodyElse() {
        var org = data.organization("Shared Job Co");
        String email = TestData.email("shared");
        String customer = CustomerTestSupport.create(org.owner(), "Sha", "Red", email);
        String adminEmail = TestData.email("shared-admin");
        data.activeUser(org.owner(), "ADMIN", adminEmail);
        String readOnlyEmail = TestData.email("shared-ro");
        data.activeUser(org.owner(), "READ_ONLY", readOnlyEmail);
        ConsoleSession owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        String path = start(owner, email, DeviceUploadTests.HEADER + "Home,,Meter,SN-1,M,\n");
        String seenByOwner = finished(owner, path);
        assertThat(seenByOwner).contains("1 devices written from 1 rows.").contains("/customers/" + customer);

        ConsoleSession admin = data.console(adminEmail, TestData.PASSWORD);
        String seenByAdmin = admin.get(path).body();
        assertThat(seenByAdmin).contains("1 devices written from 1 rows.", "my-devices.csv", "For Sha Red");
        assertThat(admin.get("/customers/devices/upload").body())
                .as("the upload page lists the organisation's recent uploads")
                .contains("id=\"recent-uploads\"")
                .contains(path);

        assertThat(data.console(readOnlyEmail, TestData.PASSWORD).get(path).status())
                .as("without customer.manage")
                .isEqualTo(403);
        ConsoleSession stranger =
                data.console(data.organization("Shared Job Stranger").ownerEmail(), TestData.PASSWORD);
        assertThat(stranger.get(path).status()).isEqualTo(404);
        assertThat(stranger.get("/customers/devices/upload").body()).doesNotContain(path);
        String id = path.substring(path.lastIndexOf('/') + 1);
        assertThat(data.console(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD)
                        .get("/sims/stock/imports/" + id)
                        .status())
                .as("a device upload is no stock import")
                .isEqualTo(404);
    }
}
