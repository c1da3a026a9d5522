package io.iotconsole.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotconsole.security.Role;
import io.iotconsole.shared.ForbiddenException;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.shared.Paging;
import io.iotconsole.support.Api;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.SignedIn;
import io.iotconsole.support.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Stock import by the operator (all or nothing, problems by row), the SIM list, one SIM, export, isolation. */
@IntegrationTest
class SimInventoryTests {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Autowired
    TestData data;

    @Autowired
    SimCards sims;

    /** A fresh, valid ICCID of the given length (19 or 20), the last digit being the Luhn check digit. */
    static String iccid(int length) {
        String body = "8944" + String.format("%0" + (length - 5) + "d", SERIAL.incrementAndGet());
        for (int check = 0; check <= 9; check++) {
            if (Iccids.luhnValid(body + check)) {
                return body + check;
            }
        }
        throw new IllegalStateException();
    }

    private Api.Response importCsv(UUID org, String csv) {
        return data.operator().raw("POST", "/api/v1/organizations/" + org + "/sims/import", "text/csv", csv);
    }

    /** Stock as a spreadsheet saves it: byte-order mark, CRLF, quoted cells, emptied rows; problems by its rows. */
    @Test
    void stockFromASpreadsheetIsImportedAndItsProblemsNamedByRow() {
        var org = data.organization("Sheet Stock");
        String a = iccid(19);
        String b = iccid(20);
        String exported = "\uFEFFiccid,imsi,msisdn\r\n\"" + a + "\",234150000000011,447700900011\r\n,,\r\n" + b
                + ", 234150000000012 ,\"447700900012\"\r\n,,\r\n";
        assertThat(importCsv(org.id(), exported)
                        .expect(200)
                        .json()
                        .get("imported")
                        .asInt())
                .isEqualTo(2);
        String refused = "\uFEFFiccid,imsi,msisdn\r\n\r\n" + iccid(19) + ",12,447700900013\r\n";
        var problems = importCsv(org.id(), refused).expect(400).json().get("errors");
        assertThat(problems.get(0).get("row").asInt()).isEqualTo(3); // the blank row 2 counts, as in the spreadsheet
        assertThat(problems.get(0).get("column").asString()).isEqualTo("imsi");
    }

    @Test
    void theOperatorImportsStockAndTheOrganisationSeesIt() {
        var org = data.organization("Sim Stock");
        String a = iccid(19);
        String b = iccid(20);
        var r = importCsv(
                org.id(),
                "iccid,imsi,msisdn\n" + a + ",234150000000001,447700900001\n" + b + ",234150000000002,447700900002\n");
        r.expect(200);
        assertThat(r.json().get("imported").asInt()).isEqualTo(2);
        var list = org.owner().get("/api/v1/sims").expect(200).json();
        assertThat(list.get("total").asInt()).isEqualTo(2);
        assertThat(list.get("items").get(0).get("iccid").asString()).isEqualTo(a); // 19 digits sort before 20
        assertThat(org.owner()
                        .get("/api/v1/sims/" + b)
                        .expect(200)
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("ACTIVE");
        assertThat(org.owner()
                        .get("/api/v1/organizations/" + org.id())
                        .json()
                        .get("simCount")
                        .asInt())
                .isEqualTo(2);
        assertThat(org.owner()
                        .get("/api/v1/sims?iccid=" + b.substring(0, 12))
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(org.owner()
                        .get("/api/v1/sims?sort=-iccid")
                        .json()
                        .get("items")
                        .get(0)
                        .get("iccid")
                        .asString())
                .isEqualTo(b);
        org.owner().get("/api/v1/sims?sort=password").expect(400);
        org.owner().get("/api/v1/sims?state=BROKEN").expect(400);
    }

    @Test
    void oneBadRowRejectsTheWholeFileWithEveryProblemByRow() {
        var org = data.organization("Sim Bad");
        String good = iccid(19);
        String badLuhn = good.substring(0, 18) + ((good.charAt(18) - '0' + 1) % 10);
        String known = iccid(19);
        importCsv(org.id(), known + ",234150000000009,447700900009").expect(200);
        String csv = "iccid,imsi,msisdn\n"
                + good + ",234150000000001,447700900001\n" // row 2: fine
                + badLuhn + ",234150000000002,447700900002\n" // row 3: check digit
                + "12345,234150000000003,447700900003\n" // row 4: length
                + "89441234567890123AB,234150000000004,447700900004\n" // row 5: non-digits
                + good + ",234150000000005,447700900005\n" // row 6: repeats row 2
                + known + ",234150000000006,447700900006\n" // row 7: already known
                + iccid(20) + ",23415,447700900007\n" // row 8: IMSI too short
                + iccid(20) + ",234150000000008\n"; // row 9: a column missing
        var r = importCsv(org.id(), csv);
        r.expect(400);
        var errors = r.json().get("errors");
        assertThat(errors.toString())
                .contains("{\"row\":3,\"column\":\"iccid\",\"message\":\"ICCID check digit is wrong (Luhn)\"}")
                .contains("\"row\":4")
                .contains("19 or 20 digits")
                .contains("\"row\":5")
                .contains("digits only")
                .contains("\"row\":6")
                .contains("repeats row 2")
                .contains("\"row\":7")
                .contains("already known")
                .contains("\"row\":8")
                .contains("\"column\":\"imsi\"")
                .contains("\"row\":9")
                .contains("Expected 3 columns");
        assertThat(org.owner().get("/api/v1/sims").json().get("total").asInt())
                .as("nothing written")
                .isEqualTo(1);
        importCsv(org.id(), "").expect(400);
        data.operator()
                .raw(
                        "POST",
                        "/api/v1/organizations/" + org.id() + "/sims/import",
                        "text/csv",
                        new String(
                                new byte[] {(byte) 0xC3, (byte) 0x28, 0x0A},
                                java.nio.charset.StandardCharsets.ISO_8859_1))
                .expect(400);
    }

    @Test
    void onlyTheOperatorImportsAndAnotherOrganisationsSimsDoNotExist() {
        var a = data.organization("Sim A");
        var b = data.organization("Sim B");
        String sim = iccid(19);
        a.owner()
                .raw(
                        "POST",
                        "/api/v1/organizations/" + a.id() + "/sims/import",
                        "text/csv",
                        sim + ",234150000000001,447700900001")
                .expect(403);
        importCsv(a.id(), sim + ",234150000000001,447700900001").expect(200);
        b.owner().get("/api/v1/sims/" + sim).expect(404);
        assertThat(b.owner().get("/api/v1/sims").json().get("total").asInt()).isZero();
        b.owner().get("/api/v1/sims?organizationId=" + a.id()).expect(404);
        importCsv(UUID.randomUUID(), sim + ",234150000000001,447700900001").expect(404);
    }

    @Test
    void labelsSortIgnoringCaseAsTheirFilterMatchesThem() {
        var org = data.organization("Label Sort Co");
        List<String> s = SimInventoryTestSupport.stock(data, org.id(), 3, 19);
        List<String> labels = List.of("WebLabel", "alpha", "Beta");
        for (int i = 0; i < 3; i++) {
            org.owner()
                    .patch("/api/v1/sims/" + s.get(i), Map.of("label", labels.get(i)))
                    .expect(200);
        }
        for (String sort : List.of("label", "-label")) {
            List<String> sorted = new ArrayList<>();
            org.owner()
                    .get("/api/v1/sims?sort=" + sort)
                    .expect(200)
                    .json()
                    .get("items")
                    .forEach(item -> sorted.add(item.get("label").asString()));
            assertThat(sorted)
                    .as(sort)
                    .isEqualTo(
                            sort.startsWith("-")
                                    ? List.of("WebLabel", "Beta", "alpha")
                                    : List.of("alpha", "Beta", "WebLabel"));
        }
    }

    @Test
    void theOperatorReadsAnyOrganisationsSimByItsIccidAndNarrowsListsByOrganisation() {
        var a = data.organization("Operator Scope A");
        var b = data.organization("Operator Scope B");
        String inA = SimInventoryTestSupport.stock(data, a.id(), 1, 19).get(0);
        String inB = SimInventoryTestSupport.stock(data, b.id(), 1, 19).get(0);
        var operator = data.operator();
        assertThat(operator.get("/api/v1/sims/" + inA)
                        .expect(200)
                        .json()
                        .get("organizationId")
                        .asString())
                .isEqualTo(a.id().toString());
        assertThat(operator.get("/api/v1/sims/" + inB).expect(200).body()).contains(inB);
        String onlyA = operator.get("/api/v1/sims?size=100&organizationId=" + a.id() + "&iccid=" + inA.substring(0, 12))
                .expect(200)
                .body();
        assertThat(onlyA).contains(inA).doesNotContain(inB);
        // anyone else naming another organisation's SIM or organisation finds nothing
        a.owner().get("/api/v1/sims/" + inB).expect(404);
        a.owner().get("/api/v1/sims?organizationId=" + b.id()).expect(404);
    }

    @Test
    void groupUsersSeeOnlyTheSimsOfTheirGroups() {
        var org = data.organization("Sim Groups");
        String inGroup = iccid(19);
        String outside = iccid(19);
        importCsv(org.id(), inGroup + ",234150000000001,447700900001\n" + outside + ",234150000000002,447700900002")
                .expect(200);
        UUID groupUser = data.activeUser(org.owner(), "GROUP_USER", TestData.email("grp"));
        UUID group = UUID.randomUUID();
        data.jdbc()
                .sql("INSERT INTO sim_group (id, organization_id, name) VALUES (:g, :o, 'Fleet')")
                .param("g", group)
                .param("o", org.id())
                .update();
        data.jdbc()
                .sql("UPDATE sim_card SET group_id = :g WHERE iccid = :i")
                .param("g", group)
                .param("i", inGroup)
                .update();
        var all = SimFilter.none(null);

        SignedIn.as(groupUser, org.id(), Role.GROUP_USER, () -> {
            assertThat(sims.list(all, new Paging(0, 50)).total())
                    .as("no group assigned yet")
                    .isZero();
            assertThatThrownBy(() -> sims.get(inGroup)).isInstanceOf(NotFoundException.class);
        });
        data.jdbc()
                .sql("INSERT INTO user_sim_group (organization_id, user_id, group_id) VALUES (:o, :u, :g)")
                .param("o", org.id())
                .param("u", groupUser)
                .param("g", group)
                .update();
        SignedIn.as(groupUser, org.id(), Role.GROUP_USER, () -> {
            assertThat(sims.list(all, new Paging(0, 50)).items())
                    .extracting(SimCard::iccid)
                    .containsExactly(inGroup);
            assertThat(sims.get(inGroup).iccid()).isEqualTo(inGroup);
            assertThatThrownBy(() -> sims.get(outside)).isInstanceOf(NotFoundException.class);
        });
        assertThat(org.owner().get("/api/v1/sims").json().get("total").asInt()).isEqualTo(2);
    }

    @Test
    void theExportFollowsTheFiltersAndNeutralisesFormulas() {
        var org = data.organization("Sim Export");
        String a = iccid(19);
        String b = iccid(19);
        importCsv(org.id(), a + ",234150000000001,447700900001\n" + b + ",234150000000002,447700900002")
                .expect(200);
        data.jdbc()
                .sql("UPDATE sim_card SET label = '=cmd|calc' WHERE iccid = :i")
                .param("i", a)
                .update();
        var csv = org.owner().get("/api/v1/sims/export?label=cmd");
        csv.expect(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body())
                .startsWith("iccid,imsi,msisdn")
                .contains(a)
                .doesNotContain(b)
                .contains("'=cmd|calc");
        UUID readOnly = data.activeUser(org.owner(), "READ_ONLY", TestData.email("ro"));
        SignedIn.as(
                readOnly,
                org.id(),
                Role.READ_ONLY,
                () -> assertThatThrownBy(() -> sims.prepareExport(SimFilter.none(null)))
                        .isInstanceOf(ForbiddenException.class));
    }

    @Test
    void theSimsPageFiltersShowsDetailsAndExports() {
        var org = data.organization("Sim Page");
        var other = data.organization("Sim Page Other");
        String a = iccid(19);
        String b = iccid(20);
        String foreign = iccid(19);
        importCsv(org.id(), a + ",234150000000001,447700900001\n" + b + ",234150000000002,447700900002")
                .expect(200);
        importCsv(other.id(), foreign + ",234150000000003,447700900003").expect(200);
        data.jdbc()
                .sql("UPDATE sim_card SET state = 'SUSPENDED', label = '<b>truck</b>' WHERE iccid = :i")
                .param("i", b)
                .update();
        var owner = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        owner.signIn(org.ownerEmail(), TestData.PASSWORD);
        String page = owner.get("/sims").body();
        assertThat(page)
                .contains(a)
                .contains(b)
                .doesNotContain(foreign)
                .contains("&lt;b&gt;truck&lt;/b&gt;")
                .contains("href=\"/sims\"");
        assertThat(owner.get("/sims?state=SUSPENDED").body()).contains(b).doesNotContain("data-iccid=\"" + a);
        assertThat(owner.get("/sims/" + a).body()).contains("234150000000001").contains("447700900001");
        assertThat(owner.get("/sims/" + foreign).status()).isEqualTo(404);
        var csv = owner.get("/sims/export.csv?state=SUSPENDED");
        assertThat(csv.body()).contains(b).doesNotContain(a);

        var operator = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        operator.signIn(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        assertThat(operator.get("/sims?organizationId=" + other.id()).body())
                .contains(foreign)
                .doesNotContain(a);

        String groupUser = TestData.email("grp");
        data.activeUser(org.owner(), "GROUP_USER", groupUser);
        var grouped = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        grouped.signIn(groupUser, TestData.PASSWORD);
        assertThat(grouped.get("/sims").body())
                .doesNotContain(a)
                .doesNotContain(b)
                .contains("No SIMs match");
        assertThat(grouped.get("/sims/" + a).status()).isEqualTo(404);
    }

    @Test
    void theDashboardCountsSimsByStateForThoseWhoMayOpenTheSimOverview() {
        var org = data.organization("Dash Co");
        String a = iccid(19);
        String b = iccid(19);
        String c = iccid(19);
        importCsv(
                        org.id(),
                        a + ",234150000000001,447700900001\n" + b + ",234150000000002,447700900002\n" + c
                                + ",234150000000003,447700900003")
                .expect(200);
        data.jdbc()
                .sql("UPDATE sim_card SET state = 'SUSPENDED' WHERE iccid = :i")
                .param("i", c)
                .update();
        var owner = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        owner.signIn(org.ownerEmail(), TestData.PASSWORD);
        String page = owner.get("/").body();
        assertThat(page)
                .contains("id=\"sim-overview\"")
                .contains("3 SIMs")
                .containsPattern("id=\"count-active\"[^>]*>2<")
                .containsPattern("id=\"count-suspended\"[^>]*>1<")
                .containsPattern("id=\"count-deactivated\"[^>]*>0<");

        String email = TestData.email("nodash");
        org.owner()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "No",
                                "lastName",
                                "Dash",
                                "email",
                                email,
                                "role",
                                "STANDARD",
                                "dashboards",
                                java.util.List.of("ORDERS")))
                .expect(201);
        data.activate(email, TestData.PASSWORD);
        var limited = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        limited.signIn(email, TestData.PASSWORD);
        assertThat(limited.get("/").body()).doesNotContain("sim-overview").doesNotContain("data-usage");
    }

    @Test
    void theDataUsageDashboardSumsTheMonthAndNamesTheSimsUsingTheMost() {
        var org = data.organization("Usage Co");
        String a = iccid(19);
        String b = iccid(19);
        String c = iccid(19);
        importCsv(
                        org.id(),
                        a + ",234150000000011,447700900011\n" + b + ",234150000000012,447700900012\n" + c
                                + ",234150000000013,447700900013")
                .expect(200);
        // a: 900 of a 1,000 MB limit (near it); b: 300 with no limit; c: nothing
        data.jdbc()
                .sql("UPDATE sim_card SET data_used_mb = CASE iccid WHEN :a THEN 900 WHEN :b THEN 300 ELSE 0 END,"
                        + " monthly_limit_mb = CASE iccid WHEN :a THEN 1000 ELSE NULL END WHERE iccid IN (:a, :b, :c)")
                .param("a", a)
                .param("b", b)
                .param("c", c)
                .update();
        var owner = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        owner.signIn(org.ownerEmail(), TestData.PASSWORD);
        String page = owner.get("/").body();
        assertThat(page)
                .contains("id=\"data-usage\"")
                .containsPattern("id=\"usage-total\"[^>]*>1200 MB<")
                .containsPattern("id=\"usage-sims\"[^>]*>2 SIMs<")
                .contains("1 SIM has used 80 % or more of its monthly limit");
        assertThat(page.indexOf(">" + a + "<")).isPositive().isLessThan(page.indexOf(">" + b + "<"));
        assertThat(page).doesNotContain(">" + c + "<");
    }
}
