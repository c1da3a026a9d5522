package io.iotconsole.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Customers pages, remote assistance and the console's device upload, over real HTTP with real sessions. */
@IntegrationTest
class CustomerConsoleTests {
    @Autowired
    TestData data;

    /** Follows a started upload to its page and waits until the background upload has finished. */
    private static String finished(ConsoleSession session, ConsoleSession.Page started) {
        assertThat(started.location()).contains("/customers/devices/uploads/");
        String path = java.net.URI.create(started.location()).getPath();
        for (int i = 0; i < 100; i++) {
            String page = session.get(path).body();
            if (!page.contains("id=\"upload-running\"")) {
                return page;
            }
            TestData.sleep(100);
        }
        throw new AssertionError("The upload did not finish");
    }

    @Test
    void remoteAssistanceOpensTheCustomersAppUnderABannerAndIsAuditedWithBothNames() {
        var org = data.organization("Assist Co");
        String email = TestData.email("assisted");
        String id = CustomerTests.create(org.owner(), "Ada", "Assisted", email, null)
                .get("id")
                .asString();
        DeviceUploadTests.upload(org.owner(), id, false, DeviceUploadTests.HEADER + "Home,,Heat pump,HP-1,X,\n")
                .expect(200);
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);

        assertThat(owner.submit("/customers/" + id + "/assist", "/customers/" + id + "/assist", Map.of("reason", " "))
                        .body())
                .contains("State the reason");
        var started = owner.submit(
                "/customers/" + id + "/assist", "/customers/" + id + "/assist", Map.of("reason", "Ticket 4711"));
        assertThat(started.location()).endsWith("/app");
        var app = owner.get("/app");
        assertThat(app.status()).isEqualTo(200);
        assertThat(app.body())
                .contains("Remote assistance by Olive Owner", "Ticket 4711", "End assistance", "Heat pump", "HP-1");
        String expires = data.jdbc()
                .sql("SELECT round(extract(epoch FROM expires_at - created_at))::text FROM customer_session"
                        + " WHERE customer_id = :c AND kind = 'ASSIST'")
                .param("c", java.util.UUID.fromString(id))
                .query(String.class)
                .single();
        assertThat(expires).as("seconds").isEqualTo("1800");

        // the assisting console user may not change the customer's password: not offered, and refused; the attempt
        // is the customer's, on behalf of the console user
        assertThat(owner.get("/app").body()).doesNotContain("/app/password");
        assertThat(owner.get("/app/password").body())
                .contains("During remote assistance the")
                .doesNotContain("name=\"current\"");
        var changed = owner.submit(
                "/app", "/app/password", Map.of("password", "assisted-pass-1", "confirmation", "assisted-pass-1"));
        assertThat(changed.status()).isEqualTo(403);
        var audit = org.owner()
                .get("/api/v1/audit-events?action=CUSTOMER_PASSWORD_CHANGED")
                .json()
                .get("items")
                .get(0);
        assertThat(audit.get("outcome").asString()).isEqualTo("FAILURE");
        assertThat(audit.get("actorLabel").asString()).contains(email);
        assertThat(audit.get("onBehalfOfLabel").asString()).contains(org.ownerEmail());

        var ended = owner.submit("/app", "/app/assistance/end", Map.of());
        assertThat(ended.location()).endsWith("/customers/" + id);
        assertThat(owner.get("/app").location()).endsWith("/app/login");
        assertThat(org.owner().get("/api/v1/audit-events?size=100").body())
                .contains("REMOTE_ASSISTANCE_STARTED", "REMOTE_ASSISTANCE_ENDED", "Ticket 4711");
    }

    @Test
    void remoteAssistanceIsRefusedWithoutThePermissionAndForDisabledCustomers() {
        var org = data.organization("No Assist Co");
        String id = CustomerTests.create(org.owner(), "Ned", "Noassist", TestData.email("ned"), null)
                .get("id")
                .asString();
        String standard = TestData.email("std");
        data.activeUser(org.owner(), "STANDARD", standard);
        var std = data.console(standard, TestData.PASSWORD);
        assertThat(std.get("/customers/" + id).body()).contains("Ned").doesNotContain("Remote assistance");
        assertThat(std.get("/customers/" + id + "/assist").status()).isEqualTo(403);
        assertThat(std.submit("/customers/" + id, "/customers/" + id + "/assist", Map.of("reason", "T1"))
                        .status())
                .isEqualTo(403);

        org.owner().post("/api/v1/customers/" + id + "/disable").expect(200);
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        assertThat(owner.get("/customers/" + id).body()).doesNotContain("id=\"remote-assistance\"");
        assertThat(owner.submit("/customers/" + id, "/customers/" + id + "/assist", Map.of("reason", "T2"))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void theConsoleUploadListsProblemsWithADownloadableReportThenWritesAGoodFile() {
        var org = data.organization("Console Upload Co");
        String email = TestData.email("up");
        String id = CustomerTests.create(org.owner(), "Uma", "Upload", email, null)
                .get("id")
                .asString();
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        assertThat(owner.get("/customers/devices/template.csv").body()).isEqualTo(DeviceUploadTests.HEADER);

        String refused = finished(
                owner,
                owner.upload(
                        "/customers/devices/upload",
                        "/customers/devices/upload?email=" + email,
                        "file",
                        "devices.csv",
                        DeviceUploadTests.HEADER + "Home,,Meter,,M,\n"));
        assertThat(refused).contains("Nothing was written: 1 problem found in 1 row read.");
        java.util.regex.Matcher report = java.util.regex.Pattern.compile(
                        "/customers/devices/reports/([0-9a-f-]+)\\.csv")
                .matcher(refused);
        assertThat(report.find()).isTrue();
        assertThat(owner.get(report.group()).body()).isEqualTo("row,column,problem\r\n2,serial_number,Required\r\n");
        assertThat(data.console(data.organization("Nosy Co").ownerEmail(), TestData.PASSWORD)
                        .get(report.group())
                        .status())
                .isEqualTo(404);

        String done = finished(
                owner,
                owner.upload(
                        "/customers/devices/upload",
                        "/customers/devices/upload?email=" + email,
                        "file",
                        "devices.csv",
                        DeviceUploadTests.HEADER + "Home,,Meter,SN-9,M,\n"));
        assertThat(done).contains("1 devices written from 1 rows.");
        assertThat(owner.upload(
                                "/customers/devices/upload",
                                "/customers/devices/upload?email=nobody@example.test",
                                "file",
                                "devices.csv",
                                DeviceUploadTests.HEADER)
                        .body())
                .contains("No customer with this e-mail address");
        assertThat(owner.get("/customers/" + id).body()).contains("SN-9");
    }

    @Test
    void aRowActionReturnsToTheLookupItCameFromAndNowhereElse() {
        var org = data.organization("Row Return Co");
        String id = CustomerTestSupport.create(org.owner(), "Rita", "Return", TestData.email("rita"));
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        String lookup = "/customers?q=retu&sort=-email&size=10";

        var listed = owner.get(lookup).body().replace("&amp;", "&");
        String back = java.net.URLEncoder.encode(lookup, java.nio.charset.StandardCharsets.UTF_8);
        for (String action : new String[] {"disable", "password", "assist"}) {
            var link = java.util.regex.Pattern.compile("/customers/" + id + "/" + action + "\\?back=([^\"]+)\"")
                    .matcher(listed);
            assertThat(link.find()).as(action).isTrue();
            assertThat(java.net.URLDecoder.decode(link.group(1), java.nio.charset.StandardCharsets.UTF_8))
                    .as(action)
                    .isEqualTo(lookup);
        }
        assertThat(listed).contains("/customers/devices/upload?email=");
        var confirm = owner.get("/customers/" + id + "/disable?back=" + back).body();
        assertThat(confirm.replace("&amp;", "&")).contains("href=\"" + lookup + "\" id=\"cancel\"");

        var done = owner.submit(
                "/customers/" + id + "/disable?back=" + back, "/customers/" + id + "/disable", Map.of("back", lookup));
        assertThat(done.location()).endsWith(lookup);
        assertThat(owner.get(lookup).body()).contains("Rita Return is disabled");

        String[] elsewhere = {
            "https://elsewhere.example/customers?q=x",
            "//elsewhere.example/customers",
            "/users?q=x",
            "/customers/../users"
        };
        for (int i = 0; i < elsewhere.length; i++) {
            // the customer is disabled now: enable, disable, enable, ...
            String action = i % 2 == 0 ? "enable" : "disable";
            var refused = owner.submit(
                    "/customers/" + id + "/" + action, "/customers/" + id + "/" + action, Map.of("back", elsewhere[i]));
            assertThat(refused.location()).as(elsewhere[i]).endsWith("/customers/" + id);
        }
    }
}
