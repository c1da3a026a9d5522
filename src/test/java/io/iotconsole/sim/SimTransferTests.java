package io.iotconsole.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.Api;
import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** SIM transfers over the API: parent to sub and back, every rule of the ranges, nothing written on failure. */
@IntegrationTest
class SimTransferTests {
    @Autowired
    TestData data;

    List<String> stock(UUID org, int n, int length) {
        return SimInventoryTestSupport.stock(data, org, n, length);
    }

    List<String> stock(UUID org, int n) {
        return stock(org, n, 19);
    }

    static long simCount(Api api) {
        return api.get("/api/v1/sims?size=1").expect(200).json().get("total").asLong();
    }

    static Api.Response text(Api api, UUID to, boolean dryRun, String body) {
        return api.raw("POST", "/api/v1/sim-transfers?dryRun=" + dryRun + "&toOrganizationId=" + to, "text/csv", body);
    }

    /** The problems of a preview, or the errors of a refusal, as row → message. */
    static Map<Integer, String> problemsByRow(Api.Response r) {
        JsonNode list =
                r.json().has("problems") ? r.json().get("problems") : r.json().get("errors");
        Map<Integer, String> byRow = new LinkedHashMap<>();
        for (JsonNode p : list) {
            byRow.merge(p.get("row").asInt(), p.get("message").asString(), (a, b) -> a + " | " + b);
        }
        return byRow;
    }

    /** A transfer file's job page once the job has ended. */
    static String finished(ConsoleSession session, String path) {
        for (int i = 0; i < 600; i++) {
            var page = session.get(path);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            if (!page.body().contains("id=\"upload-running\"")) {
                return page.body();
            }
            TestData.sleep(100);
        }
        throw new AssertionError("The transfer file's job did not finish");
    }

    /** Posts the file from the console's transfer page and answers its job page's address. */
    static String startFile(ConsoleSession owner, UUID to, String content) {
        var started = owner.upload(
                "/sims/transfer", "/sims/transfer/preview?toOrganizationId=" + to, "file", "ranges.csv", content);
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        String path = URI.create(started.location()).getPath();
        assertThat(path).matches("/sims/transfer/uploads/[0-9a-f-]{36}");
        return path;
    }

    @Test
    void aFileOfThousandsOfRangesIsCheckedAsAJobThenTransferredFromItsPreview() {
        var parent = data.organization("File Transfer Parent");
        var sub = data.subOrganization(parent, "File Transfer Sub");
        List<String> s = stock(parent.id(), 3000);
        String file = String.join("\n", s.stream().map(i -> i + ";" + i).toList());
        ConsoleSession owner = data.console(parent.ownerEmail(), TestData.PASSWORD);

        String job = startFile(owner, sub.id(), file + "\n");
        String page = finished(owner, job);
        assertThat(page)
                .contains("id=\"apply-button\"")
                .contains("Transfer 3000 SIMs to File Transfer Sub")
                .contains("data-line=\"3000\"");
        var row = data.jdbc()
                .sql("SELECT kind, status, rows_read, bytes_read, file_size, result_id FROM upload_job WHERE id = :id")
                .param("id", UUID.fromString(job.substring(job.lastIndexOf('/') + 1)))
                .query()
                .singleRow();
        assertThat(row.get("kind")).isEqualTo("TRANSFER");
        assertThat(row.get("status")).isEqualTo("DONE");
        assertThat(((Number) row.get("rows_read")).longValue()).isEqualTo(3000);
        assertThat(row.get("bytes_read")).isEqualTo(row.get("file_size"));
        assertThat(simCount(sub.owner()))
                .as("the job only prepares the preview")
                .isZero();

        var other = data.organization("File Transfer Stranger");
        assertThat(data.console(other.ownerEmail(), TestData.PASSWORD).get(job).status())
                .as("another organisation's job does not exist for it")
                .isEqualTo(404);

        var done = owner.submit(
                job,
                "/sims/transfer",
                Map.of(
                        "fromOrganizationId", parent.id().toString(),
                        "toOrganizationId", sub.id().toString(),
                        "ranges", file,
                        "upload", job.substring(job.lastIndexOf('/') + 1)));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        assertThat(owner.get("/sims/transfer").body()).contains("Transferred 3000 SIMs from File Transfer Parent");
        assertThat(simCount(sub.owner())).isEqualTo(3000);
        assertThat(simCount(parent.owner())).isZero();
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM sim_transfer_file WHERE id = :id")
                        .param("id", row.get("result_id"))
                        .query(Long.class)
                        .single())
                .as("the kept file is released once transferred")
                .isZero();
    }

    @Test
    void aFileWithABadLineIsRefusedOnItsJobPageAndMovesNothing() {
        var parent = data.organization("Bad File Parent");
        var sub = data.subOrganization(parent, "Bad File Sub");
        List<String> s = stock(parent.id(), 5);
        ConsoleSession owner = data.console(parent.ownerEmail(), TestData.PASSWORD);

        String job = startFile(owner, sub.id(), s.get(0) + ";" + s.get(2) + "\n" + s.get(3) + ";\n" + s.get(4) + "\n");
        String page = finished(owner, job);
        assertThat(page)
                .contains("Refused")
                .contains("id=\"problems-table\"")
                .containsPattern("<td>2</td>\\s*<td>last</td>\\s*<td>Trailing")
                .contains("a transfer file has no header")
                .doesNotContain("id=\"apply-button\"");
        var report = java.util.regex.Pattern.compile("/sims/transfer/reports/[0-9a-f-]{36}\\.csv")
                .matcher(page);
        assertThat(report.find()).as(page).isTrue();
        assertThat(owner.get(report.group()).body()).contains("2,last,Trailing ';'");
        assertThat(simCount(sub.owner())).isZero();
        assertThat(simCount(parent.owner())).isEqualTo(5);
    }

    @Test
    void simsMoveToASubOrganisationAndBackAfterAPreview() {
        var parent = data.organization("Transfer Parent");
        var sub = data.subOrganization(parent, "Transfer Sub");
        List<String> s = stock(parent.id(), 5);
        String group = parent.owner()
                .post("/api/v1/groups", Map.of("name", "Fleet"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        parent.owner()
                .patch("/api/v1/sims/" + s.get(0), Map.of("groupId", group))
                .expect(200);

        var preview = parent.owner()
                .post(
                        "/api/v1/sim-transfers",
                        Map.of(
                                "toOrganizationId",
                                sub.id(),
                                "ranges",
                                List.of(Map.of("first", s.get(0), "last", s.get(2)))))
                .expect(200)
                .json();
        assertThat(preview.get("valid").asBoolean()).isTrue();
        assertThat(preview.get("transferred").asBoolean()).isFalse();
        assertThat(preview.get("total").asLong()).isEqualTo(3);
        assertThat(preview.get("ranges").get(0).get("simCount").asLong()).isEqualTo(3);
        assertThat(simCount(parent.owner())).as("a preview writes nothing").isEqualTo(5);

        var done = parent.owner()
                .post(
                        "/api/v1/sim-transfers?dryRun=false",
                        Map.of(
                                "toOrganizationId",
                                sub.id(),
                                "ranges",
                                List.of(Map.of("first", s.get(0), "last", s.get(2)))))
                .expect(200)
                .json();
        assertThat(done.get("transferred").asBoolean()).isTrue();
        assertThat(simCount(parent.owner())).isEqualTo(2);
        assertThat(simCount(sub.owner())).isEqualTo(3);
        var moved = sub.owner().get("/api/v1/sims/" + s.get(0)).expect(200).json();
        assertThat(moved.has("groupId") && !moved.get("groupId").isNull())
                .as("the old owner's group does not travel")
                .isFalse();
        parent.owner().get("/api/v1/sims/" + s.get(0)).expect(404);
        assertThat(parent.owner()
                        .get("/api/v1/organizations/" + sub.id())
                        .json()
                        .get("simCount")
                        .asInt())
                .isEqualTo(3);

        // the sub-organisation gives one SIM back (one ICCID), the parent takes another back by a file line
        sub.owner()
                .post(
                        "/api/v1/sim-transfers?dryRun=false",
                        Map.of("toOrganizationId", parent.id(), "ranges", List.of(Map.of("first", s.get(1)))))
                .expect(200);
        parent.owner()
                .raw(
                        "POST",
                        "/api/v1/sim-transfers?dryRun=false&fromOrganizationId=" + sub.id() + "&toOrganizationId="
                                + parent.id(),
                        "text/plain",
                        "\"" + s.get(2) + "\";\"" + s.get(2) + "\"\n")
                .expect(200);
        assertThat(simCount(parent.owner())).isEqualTo(4);
        assertThat(simCount(sub.owner())).isEqualTo(1);

        var audit =
                parent.owner().get("/api/v1/audit-events?size=100").expect(200).body();
        assertThat(audit).contains("SIMS_TRANSFERRED_OUT", "SIMS_TRANSFERRED_IN", "3 SIMs from Transfer Parent");
        assertThat(sub.owner().get("/api/v1/audit-events?size=100").body()).contains("SIMS_TRANSFERRED_IN");
    }

    static int filtered(Api api, String query) {
        return api.get("/api/v1/sims?size=100&" + query)
                .expect(200)
                .json()
                .get("total")
                .asInt();
    }

    /** How many of the stock's SIMs have an MSISDN containing {@code part} (the stock's MSISDN is 447 + ICCID). */
    static int matching(List<String> iccids, String part) {
        return (int) iccids.stream()
                .filter(i -> ("447" + i.substring(10, 19)).contains(part))
                .count();
    }

    @Test
    void theSubstringFiltersFollowTheSimsAcrossATransferAndForgetTheClearedLabel() {
        var parent = data.organization("Filter Parent");
        var sub = data.subOrganization(parent, "Filter Sub");
        List<String> s = stock(parent.id(), 4);
        parent.owner()
                .patch("/api/v1/sims/" + s.get(1), Map.of("label", "Cold Store 42"))
                .expect(200);
        var sim = parent.owner().get("/api/v1/sims/" + s.get(1)).expect(200).json();
        String imsi = sim.get("imsi").asString();
        String msisdn = sim.get("msisdn").asString();
        String iccidPart = "iccid=" + s.get(1).substring(12);
        String imsiPart = "imsi=" + imsi.substring(imsi.length() - 7);
        String msisdnPart = "msisdn=" + msisdn.substring(msisdn.length() - 6);
        String twoDigits = "msisdn=" + msisdn.substring(msisdn.length() - 2);
        assertThat(filtered(parent.owner(), "label=store%204")).isEqualTo(1);
        assertThat(filtered(parent.owner(), iccidPart + "&" + imsiPart + "&label=cold"))
                .isEqualTo(1);

        parent.owner()
                .post(
                        "/api/v1/sim-transfers?dryRun=false",
                        Map.of(
                                "toOrganizationId",
                                sub.id(),
                                "ranges",
                                List.of(Map.of("first", s.get(0), "last", s.get(1)))))
                .expect(200);

        for (String query : List.of(iccidPart, imsiPart, msisdnPart)) {
            assertThat(filtered(sub.owner(), query)).as(query).isEqualTo(1);
            assertThat(filtered(parent.owner(), query)).as(query).isZero();
        }
        // two characters have no trigram: matched on the SIM's own row, with the same answer
        String two = msisdn.substring(msisdn.length() - 2);
        assertThat(filtered(sub.owner(), twoDigits)).isEqualTo(matching(s.subList(0, 2), two));
        assertThat(filtered(parent.owner(), twoDigits)).isEqualTo(matching(s.subList(2, 4), two));
        assertThat(filtered(sub.owner(), "label=store"))
                .as("the old owner's label does not travel, nor can it be found")
                .isZero();
        assertThat(filtered(parent.owner(), "label=store")).isZero();
        sub.owner()
                .patch("/api/v1/sims/" + s.get(1), Map.of("label", "Sub Van"))
                .expect(200);
        assertThat(filtered(sub.owner(), "label=b%20va&" + imsiPart)).isEqualTo(1);
        assertThat(filtered(sub.owner(), "label=b%20va&imsi=999999999")).isZero();
    }

    @Test
    void aTransferredSimLeavesTheOldOwnersDevicesAndCanGoIntoADeviceOfTheNewOwner() {
        var parent = data.organization("Device Parent");
        var sub = data.subOrganization(parent, "Device Sub");
        List<String> s = stock(parent.id(), 3);
        String kept = io.iotconsole.customer.CustomerTestSupport.create(
                parent.owner(), "Kept", "Device", TestData.email("kept"));
        io.iotconsole.customer.CustomerTestSupport.devices(
                parent.owner(), kept, "Home,,Meter,SN-T1,M," + s.get(0) + "\nHome,,Tracker,SN-T2,M," + s.get(2) + "\n");

        text(parent.owner(), sub.id(), false, s.get(0) + ";" + s.get(1)).expect(200);

        JsonNode devices = parent.owner()
                .get("/api/v1/customers/" + kept + "/devices?sort=serialNumber")
                .expect(200)
                .json()
                .get("items");
        assertThat(devices.get(0).has("iccid"))
                .as("the moved SIM left the old owner's device")
                .isFalse();
        assertThat(devices.get(1).get("iccid").asString())
                .as("a SIM outside the ranges stays")
                .isEqualTo(s.get(2));
        assertThat(data.jdbc()
                        .sql("SELECT detail FROM audit_event WHERE organization_id = :org"
                                + " AND action = 'DEVICE_SIMS_RELEASED'")
                        .param("org", parent.id())
                        .query(String.class)
                        .list())
                .containsExactly("1 device no longer holds its SIM: transferred to Device Sub");
        String other = io.iotconsole.customer.CustomerTestSupport.create(
                sub.owner(), "New", "Owner", TestData.email("newowner"));
        io.iotconsole.customer.CustomerTestSupport.devices(sub.owner(), other, "Van,,Meter,SN-N1,M," + s.get(0) + "\n");
    }

    @Test
    void everyRuleOfTheRangesIsCheckedAndNothingIsWrittenOnFailure() {
        var parent = data.organization("Rules Parent");
        var sub = data.subOrganization(parent, "Rules Sub");
        List<String> s = stock(parent.id(), 6);
        List<String> twenty = stock(parent.id(), 2, 20);
        // s[3] goes to the sub first: a range from s[2] to s[4] then spans a SIM the parent does not own
        text(parent.owner(), sub.id(), false, s.get(3) + ";" + s.get(3)).expect(200);

        String file = String.join(
                "\n",
                s.get(0) + ";" + s.get(1), // 1: fine
                s.get(0) + ";" + s.get(1), // 2: repeats line 1
                s.get(1) + ";" + s.get(2), // 3: overlaps line 1
                s.get(5) + ";", // 4: trailing semicolon
                "\"" + s.get(5) + "\";\"" + s.get(5) + "\"", // 5: quotes are fine
                s.get(2) + ";" + twenty.get(0), // 6: 19 vs 20 digits
                "89440abc;" + s.get(5), // 7: not digits
                s.get(2) + ";" + s.get(4), // 8: overlaps line 3 (and spans the sub's SIM, which is not mentioned)
                twenty.get(1) + ";" + twenty.get(0), // 9: LAST before FIRST
                s.get(0) + ";" + s.get(0) + ";" + s.get(0), // 10: three values
                "8944000000000000000;8944000000000000000", // 11: no SIM of the parent
                s.get(5) + "," + s.get(5)); // 12: comma instead of semicolon
        var preview = text(parent.owner(), sub.id(), true, file).expect(200);
        Map<Integer, String> problems = problemsByRow(preview);
        assertThat(preview.json().get("valid").asBoolean()).isFalse();
        assertThat(problems.keySet()).containsExactlyInAnyOrder(2, 3, 4, 6, 7, 8, 9, 10, 11, 12);
        assertThat(problems.get(2)).contains("Repeats line 1");
        assertThat(problems.get(3)).contains("Overlaps line 1");
        assertThat(problems.get(4)).contains("Trailing ';'");
        assertThat(problems.get(6)).contains("one length");
        assertThat(problems.get(7)).contains("digits only");
        assertThat(problems.get(8)).contains("Overlaps line 3").doesNotContain("own");
        assertThat(problems.get(9)).contains("LAST comes before FIRST");
        assertThat(problems.get(10)).contains("found 3 values");
        assertThat(problems.get(11)).contains("owns no SIM in this range");
        assertThat(problems.get(12)).contains("not ','");

        var refused = text(parent.owner(), sub.id(), false, file).expect(400);
        assertThat(problemsByRow(refused).keySet()).containsExactlyInAnyOrder(2, 3, 4, 6, 7, 8, 9, 10, 11, 12);
        assertThat(simCount(parent.owner())).as("nothing written").isEqualTo(7);
        assertThat(simCount(sub.owner())).isEqualTo(1);

        // the good lines alone go through
        text(parent.owner(), sub.id(), false, s.get(0) + ";" + s.get(1) + "\r\n\"" + s.get(5) + "\";" + s.get(5) + "\n")
                .expect(200);
        assertThat(simCount(sub.owner())).isEqualTo(4);

        // an empty file, a blank one, one that is not UTF-8
        assertThat(problemsByRow(text(parent.owner(), sub.id(), false, "").expect(400))
                        .get(1))
                .contains("No ranges");
        assertThat(problemsByRow(text(parent.owner(), sub.id(), true, "\n  \n").expect(200))
                        .get(1))
                .contains("No ranges");
        var latin1 = parent.owner()
                .raw(
                        "POST",
                        "/api/v1/sim-transfers?dryRun=false&toOrganizationId=" + sub.id(),
                        "text/plain",
                        ("caf\u00e9;" + s.get(4)).getBytes(StandardCharsets.ISO_8859_1))
                .expect(400);
        assertThat(problemsByRow(latin1).get(1)).contains("not UTF-8");
        assertThat(simCount(sub.owner())).isEqualTo(4);
    }

    @Test
    void aRangeCoversTheSourcesSimsOnlyAndNamesNoOtherOrganisation() {
        var parent = data.organization("Span Parent");
        var sub = data.subOrganization(parent, "Span Sub");
        var stranger = data.organization("Span Stranger");
        // one run of consecutive ICCIDs dealt out: parent, sub, stranger, parent, sub, stranger, ...
        List<String> run = stock(parent.id(), 9);
        text(parent.owner(), sub.id(), false, run.get(1) + ";" + run.get(1) + "\n" + run.get(4) + ";" + run.get(4))
                .expect(200);
        for (int i : new int[] {2, 5, 8}) {
            data.jdbc()
                    .sql("UPDATE sim_card SET organization_id = :o WHERE iccid = :i")
                    .param("o", stranger.id())
                    .param("i", run.get(i))
                    .update();
        }
        String range = run.get(0) + ";" + run.get(8);
        var preview = text(parent.owner(), sub.id(), true, range).expect(200);
        assertThat(preview.json().get("valid").asBoolean()).isTrue();
        assertThat(preview.json().get("total").asLong())
                .as("the parent's 0, 3, 6, 7")
                .isEqualTo(4);
        assertThat(preview.body()).doesNotContain("Span Stranger").doesNotContain("does not own");

        text(parent.owner(), sub.id(), false, range).expect(200);
        assertThat(simCount(sub.owner())).isEqualTo(6);
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM sim_card WHERE organization_id = :o")
                        .param("o", stranger.id())
                        .query(Long.class)
                        .single())
                .as("the stranger's SIMs in the span stay where they are")
                .isEqualTo(3);
    }

    @Test
    void aSubOrganisationGivesItsOwnSimsBackAndNeverTakesItsParents() {
        var parent = data.organization("Taking Parent");
        var sub = data.subOrganization(parent, "Taking Sub");
        List<String> s = stock(parent.id(), 4);
        text(parent.owner(), sub.id(), false, s.get(0) + ";" + s.get(0)).expect(200);

        var taking = sub.owner()
                .raw(
                        "POST",
                        "/api/v1/sim-transfers?dryRun=false&fromOrganizationId=" + parent.id() + "&toOrganizationId="
                                + sub.id(),
                        "text/csv",
                        s.get(1) + ";" + s.get(3))
                .expect(403);
        assertThat(taking.body()).contains("never take the parent's");
        assertThat(simCount(parent.owner())).isEqualTo(3);
        assertThat(sub.owner().get("/api/v1/audit-events?size=50").body())
                .contains("ACCESS_DENIED")
                .contains("never take the parent");

        // the console offers the sub-organisation only itself as the source, and its parent as the target
        var session = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        session.signIn(sub.ownerEmail(), TestData.PASSWORD);
        String page = session.get("/sims/transfer").body();
        String from =
                page.substring(page.indexOf("name=\"fromOrganizationId\""), page.indexOf("name=\"toOrganizationId\""));
        assertThat(from).contains("Taking Sub").doesNotContain("Taking Parent");
        var refused = session.submit(
                "/sims/transfer",
                "/sims/transfer",
                Map.of(
                        "fromOrganizationId", parent.id().toString(),
                        "toOrganizationId", sub.id().toString(),
                        "ranges", s.get(1) + ";" + s.get(3)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(simCount(parent.owner())).isEqualTo(3);

        // giving its own back works
        text(sub.owner(), parent.id(), false, s.get(0) + ";" + s.get(0)).expect(200);
        assertThat(simCount(parent.owner())).isEqualTo(4);
    }

    @Test
    void subToSubIsRefusedAndOtherFamiliesDoNotExist() {
        var parent = data.organization("Family Parent");
        var a = data.subOrganization(parent, "Family A");
        var b = data.subOrganization(parent, "Family B");
        var stranger = data.organization("Stranger Co");
        List<String> s = stock(parent.id(), 2);
        text(parent.owner(), a.id(), false, s.get(0) + ";" + s.get(1)).expect(200);

        var subToSub = parent.owner()
                .post(
                        "/api/v1/sim-transfers?dryRun=false",
                        Map.of(
                                "fromOrganizationId",
                                a.id(),
                                "toOrganizationId",
                                b.id(),
                                "ranges",
                                List.of(Map.of("first", s.get(0), "last", s.get(1)))))
                .expect(400);
        assertThat(subToSub.fieldError("toOrganizationId")).contains("never from one sub-organisation to another");
        text(a.owner(), b.id(), false, s.get(0) + ";" + s.get(1)).expect(404);
        text(stranger.owner(), a.id(), true, s.get(0) + ";" + s.get(1)).expect(404);
        text(a.owner(), stranger.id(), true, s.get(0) + ";" + s.get(1)).expect(404);
        assertThat(simCount(a.owner())).isEqualTo(2);
        assertThat(simCount(b.owner())).isZero();

        // JSON problems name the range's field
        var json = parent.owner()
                .post(
                        "/api/v1/sim-transfers",
                        Map.of("toOrganizationId", a.id(), "ranges", List.of(Map.of("first", "12x"))))
                .expect(200);
        assertThat(json.json().get("problems").get(0).get("field").asString()).isEqualTo("ranges[0].first");

        // API users hold organisation.sim_transfer too (roles without it are refused in the console tests)
        var machine = data.apiUser(parent, "transfers");
        assertThat(machine.raw(
                                "POST",
                                "/api/v1/sim-transfers?fromOrganizationId=" + a.id() + "&toOrganizationId="
                                        + parent.id(),
                                "text/csv",
                                s.get(0) + ";" + s.get(1))
                        .expect(200)
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void rolesWithoutTheTransferPermissionAreNeitherOfferedNorAllowedIt() {
        var parent = data.organization("Console Refusal");
        var sub = data.subOrganization(parent, "Console Refusal Sub");
        List<String> s = stock(parent.id(), 1);
        String standard = TestData.email("std");
        data.activeUser(parent.owner(), "STANDARD", standard);
        var session = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        session.signIn(standard, TestData.PASSWORD);
        assertThat(session.get("/sims").body()).contains(s.get(0)).doesNotContain("Transfer SIMs");
        assertThat(session.get("/sims/transfer").status()).isEqualTo(403);
        var refused = session.submit(
                "/sims",
                "/sims/transfer",
                Map.of("toOrganizationId", sub.id().toString(), "ranges", s.get(0) + ";" + s.get(0)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(simCount(parent.owner())).isEqualTo(1);
    }

    @Test
    void twoTransfersRacingOverTheSameSimsCannotBothTakeThem() throws Exception {
        var parent = data.organization("Race Parent");
        var a = data.subOrganization(parent, "Race A");
        List<String> s = stock(parent.id(), 200);
        String range = s.get(0) + ";" + s.get(199);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return text(parent.owner(), a.id(), false, range).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (var r : racers) {
            statuses.add(r.get());
        }
        assertThat(statuses).containsOnlyOnce(200);
        assertThat(statuses.stream().filter(st -> st == 400)).hasSize(3);
        assertThat(simCount(a.owner())).isEqualTo(200);
        assertThat(simCount(parent.owner())).isZero();
    }
}
