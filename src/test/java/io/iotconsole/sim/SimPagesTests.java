package io.iotconsole.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's SIM pages over HTTP: the groups page, the list's substring filters, group column and bulk changes
 * with their confirmation, the SIM's edit form and the confirmation before cutting a SIM off.
 */
@IntegrationTest
class SimPagesTests {
    @Autowired
    TestData data;

    private ConsoleSession owner(TestData.Org org) {
        return data.console(org.ownerEmail(), TestData.PASSWORD);
    }

    private static List<Map.Entry<String, String>> fields(List<String> iccids, String... namesAndValues) {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        iccids.forEach(i -> all.add(Map.entry("iccid", i)));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            all.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return all;
    }

    private String state(TestData.Org org, String iccid) {
        return org.owner().get("/api/v1/sims/" + iccid).json().get("state").asString();
    }

    private String groupOf(TestData.Org org, String iccid) {
        var group = org.owner().get("/api/v1/sims/" + iccid).json().get("groupId");
        return group == null || group.isNull() ? null : group.asString();
    }

    private UUID groupId(TestData.Org org, String name) {
        for (var g : org.owner().get("/api/v1/groups").json().get("items")) {
            if (g.get("name").asString().equals(name)) {
                return UUID.fromString(g.get("id").asString());
            }
        }
        throw new AssertionError("No group " + name);
    }

    @Test
    void anOwnerCreatesRenamesAndDeletesAGroupAndBadNamesStayInTheForm() {
        var org = data.organization("Group Pages Co");
        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 2, 19);
        var owner = owner(org);

        var created = owner.submit("/groups", "/groups", Map.of("name", "Vans"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(owner.get("/groups").body())
                .contains("Group &quot;Vans&quot; created.")
                .contains(">Vans</a>");
        UUID vans = groupId(org, "Vans");

        var duplicate = owner.submit("/groups", "/groups", Map.of("name", "VANS"));
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.body())
                .contains("id=\"name-error\"")
                .contains("A group named &quot;VANS&quot; already exists")
                .contains("value=\"VANS\"");
        var blank = owner.submit("/groups", "/groups", Map.of("name", "   "));
        assertThat(blank.body()).contains("Name: 1 to 100 characters");
        assertThat(org.owner().get("/api/v1/groups").json().get("total").asInt())
                .isEqualTo(1);

        owner.submit("/groups", "/groups", Map.of("name", "Trucks")).status();
        var clash = owner.submit("/groups/" + vans, "/groups/" + vans, Map.of("name", "trucks"));
        assertThat(clash.status()).isEqualTo(200);
        assertThat(clash.body()).contains("already exists").contains("value=\"trucks\"");
        var renamed = owner.submit("/groups/" + vans, "/groups/" + vans, Map.of("name", "Delivery vans"));
        assertThat(renamed.status()).isEqualTo(302);
        assertThat(owner.get("/groups/" + vans).body()).contains("Group renamed to &quot;Delivery vans&quot;.");

        owner.submitAll(
                "/sims",
                "/sims/bulk/group",
                fields(sims, "groupId", vans.toString(), "confirmed", "true", "back", "/sims"));
        assertThat(groupOf(org, sims.get(0))).isEqualTo(vans.toString());
        String sorted = owner.get("/groups?sort=-sims").body();
        assertThat(sorted.indexOf("data-group=\"Delivery vans\""))
                .as(sorted)
                .isPositive()
                .isLessThan(sorted.indexOf("data-group=\"Trucks\""));
        assertThat(sorted).contains("aria-sort=\"descending\"");

        assertThat(owner.get("/groups/" + vans + "/delete").body())
                .contains("The group holds 2 SIMs. They stay in the organisation, in no group");
        var deleted = owner.submit("/groups/" + vans + "/delete", "/groups/" + vans + "/delete", Map.of());
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(owner.get("/groups").body())
                .contains("Group &quot;Delivery vans&quot; deleted; its 2 SIMs are now in no group.");
        assertThat(groupOf(org, sims.get(0))).isNull();
        assertThat(org.owner().get("/api/v1/sims?size=10").json().get("total").asInt())
                .isEqualTo(2);
        assertThat(org.owner().get("/api/v1/audit-events?size=50").body())
                .contains("SIM_GROUP_CREATED", "SIM_GROUP_RENAMED", "SIM_GROUP_DELETED");

        var other = data.organization("Group Pages Other");
        UUID trucks = groupId(org, "Trucks");
        assertThat(owner(other).get("/groups/" + trucks).status()).isEqualTo(404);
        assertThat(owner(other)
                        .submit("/groups", "/groups/" + trucks + "/delete", Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void bulkChangesAskFirstThenChangeEverySimAndAForeignSimRefusesTheWhole() {
        var org = data.organization("Bulk Co");
        var other = data.organization("Bulk Other");
        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 4, 19);
        String foreign = SimInventoryTestSupport.stock(data, other.id(), 1, 19).get(0);
        List<String> three = sims.subList(0, 3);
        var owner = owner(org);

        var asked = owner.submitAll(
                "/sims", "/sims/bulk/state", fields(three, "value", "SUSPENDED", "back", "/sims?sort=-iccid"));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("Suspend 3 SIMs?").contains(three.get(0), three.get(1), three.get(2));
        assertThat(asked.body()).doesNotContain(sims.get(3));
        assertThat(state(org, three.get(0))).isEqualTo("ACTIVE");

        List<String> withForeign = new ArrayList<>(three);
        withForeign.add(foreign);
        var refused = owner.submitAll(
                "/sims", "/sims/bulk/state", fields(withForeign, "value", "SUSPENDED", "confirmed", "true"));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(state(org, three.get(0))).isEqualTo("ACTIVE");
        assertThat(state(other, foreign)).isEqualTo("ACTIVE");

        var done = owner.submitAll(
                "/sims",
                "/sims/bulk/state",
                fields(three, "value", "SUSPENDED", "confirmed", "true", "back", "/sims?sort=-iccid"));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).endsWith("/sims?sort=-iccid");
        assertThat(owner.get("/sims?sort=-iccid").body()).contains("3 SIMs suspended.");
        for (String iccid : three) {
            assertThat(state(org, iccid)).isEqualTo("SUSPENDED");
        }
        assertThat(state(org, sims.get(3))).isEqualTo("ACTIVE");
        var audit = org.owner()
                .get("/api/v1/audit-events?action=SIM_CHANGED&size=50")
                .body();
        for (String iccid : three) {
            assertThat(audit).contains(iccid);
        }
        var again = owner.submitAll(
                "/sims", "/sims/bulk/state", fields(sims.subList(2, 4), "value", "SUSPENDED", "confirmed", "true"));
        assertThat(again.location()).endsWith("/sims");
        assertThat(owner.get("/sims").body()).contains("1 SIM suspended. 1 already was.");

        var hackedOpen = owner.submitAll("/sims", "/sims/bulk/state", fields(List.of(), "value", "ACTIVE"));
        assertThat(hackedOpen.status()).isEqualTo(302);
        assertThat(owner.get("/sims").body()).contains("Select at least one SIM.");

        UUID group = UUID.fromString(org.owner()
                .post("/api/v1/groups", Map.of("name", "Meters"))
                .json()
                .get("id")
                .asString());
        UUID foreignGroup = UUID.fromString(other.owner()
                .post("/api/v1/groups", Map.of("name", "Theirs"))
                .json()
                .get("id")
                .asString());
        var move = owner.submitAll("/sims", "/sims/bulk/group", fields(three, "groupId", group.toString()));
        assertThat(move.body()).contains("Move 3 SIMs to Meters?");
        assertThat(owner.submitAll(
                                "/sims",
                                "/sims/bulk/group",
                                fields(withForeign, "groupId", group.toString(), "confirmed", "true"))
                        .status())
                .isEqualTo(404);
        assertThat(owner.submitAll(
                                "/sims",
                                "/sims/bulk/group",
                                fields(three, "groupId", foreignGroup.toString(), "confirmed", "true"))
                        .status())
                .isEqualTo(404);
        assertThat(groupOf(org, three.get(0))).isNull();
        owner.submitAll("/sims", "/sims/bulk/group", fields(three, "groupId", group.toString(), "confirmed", "true"));
        assertThat(owner.get("/sims").body()).contains("3 SIMs moved to Meters.");
        String filtered = owner.get("/sims?groupId=" + group).body();
        assertThat(filtered)
                .contains(three.get(0))
                .doesNotContain(sims.get(3))
                .contains("<td class=\"group\">Meters</td>");
        owner.submitAll(
                "/sims", "/sims/bulk/group", fields(three.subList(0, 1), "ungroup", "true", "confirmed", "true"));
        assertThat(owner.get("/sims").body()).contains("1 SIM removed from their group.");
        assertThat(groupOf(org, three.get(0))).isNull();
        assertThat(groupOf(org, three.get(1))).isEqualTo(group.toString());
    }

    @Test
    void aGroupUserChangesTheStateOfTheirGroupsSimsOnlyAndCannotMoveThem() {
        var org = data.organization("Bulk Group Co");
        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 2, 19);
        String group = org.owner()
                .post("/api/v1/groups", Map.of("name", "Mine"))
                .json()
                .get("id")
                .asString();
        org.owner()
                .patch("/api/v1/sims/" + sims.get(0), Map.of("groupId", group))
                .expect(200);
        String email = TestData.email("gu");
        org.owner()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "Gail",
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
        var groupUser = data.console(email, TestData.PASSWORD);
        String list = groupUser.get("/sims").body();
        assertThat(list).contains("id=\"bulk-state\"").doesNotContain("id=\"bulk-group\"");
        assertThat(groupUser
                        .submitAll("/sims", "/sims/bulk/state", fields(sims, "value", "SUSPENDED", "confirmed", "true"))
                        .status())
                .isEqualTo(404);
        assertThat(state(org, sims.get(0))).isEqualTo("ACTIVE");
        assertThat(groupUser
                        .submitAll(
                                "/sims",
                                "/sims/bulk/state",
                                fields(sims.subList(0, 1), "value", "SUSPENDED", "confirmed", "true"))
                        .status())
                .isEqualTo(302);
        assertThat(state(org, sims.get(0))).isEqualTo("SUSPENDED");
        assertThat(groupUser
                        .submitAll("/sims", "/sims/bulk/group", fields(sims.subList(0, 1), "ungroup", "true"))
                        .status())
                .isEqualTo(403);
        assertThat(groupUser.get("/groups").body()).contains(">Mine</a>").doesNotContain("id=\"group-create\"");
    }

    @Test
    void aGroupThatIsSomeGroupUsersOnlyGroupCannotBeDeletedAndThePageNamesThem() {
        var org = data.organization("Sole Group Co");
        String only = org.owner()
                .post("/api/v1/groups", Map.of("name", "Only"))
                .json()
                .get("id")
                .asString();
        String spare = org.owner()
                .post("/api/v1/groups", Map.of("name", "Spare"))
                .json()
                .get("id")
                .asString();
        for (String[] user : new String[][] {{"Gil", "Alone", only}, {"Gus", "Both", only + "," + spare}}) {
            org.owner()
                    .post(
                            "/api/v1/users",
                            Map.of(
                                    "firstName",
                                    user[0],
                                    "lastName",
                                    user[1],
                                    "email",
                                    TestData.email("sole-" + user[0]),
                                    "role",
                                    "GROUP_USER",
                                    "groupIds",
                                    List.of(user[2].split(","))))
                    .expect(201);
        }
        var owner = owner(org);
        String confirm = owner.get("/groups/" + only + "/delete").body();
        assertThat(confirm)
                .contains("The Group user Gil Alone has no other group.")
                .doesNotContain("Gus Both")
                .doesNotContain("id=\"confirm\"");
        var refused = owner.submit("/groups/" + only + "/delete", "/groups/" + only + "/delete", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(org.owner().delete("/api/v1/groups/" + only).expect(409).body())
                .contains("Gil Alone");
        assertThat(groupId(org, "Only")).isEqualTo(UUID.fromString(only));
        // the group a Group user holds besides another one goes, and they keep the other
        assertThat(owner.get("/groups/" + spare + "/delete").body()).contains("id=\"confirm\"");
        org.owner().delete("/api/v1/groups/" + spare).expect(204);
        // the SIM pages sit under SIMs in the navigation
        assertThat(owner.get("/groups").body()).contains("href=\"/sims\" aria-current=\"page\"");
    }

    @Test
    void aPagePastTheEndSaysSoAndLeadsToTheLastPage() {
        var org = data.organization("Past End Co");
        SimInventoryTestSupport.stock(data, org.id(), 3, 19);
        String body = owner(org).get("/sims?page=999&size=10").body();
        assertThat(body).contains("Page 1000 is past the end: 1 page · 3 SIMs").contains("← Last page");
        assertThat(body).doesNotContain("Page 1000 of 1");
    }

    @Test
    void theFiltersMatchAnyPartOfIccidImsiMsisdnAndLabelInTheApiAndTheConsole() {
        var org = data.organization("Substring Co");
        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 3, 19);
        String target = sims.get(1);
        org.owner()
                .patch("/api/v1/sims/" + target, Map.of("label", "Delivery Van 7"))
                .expect(200);
        String middle = target.substring(11, 18);
        var byIccid = org.owner().get("/api/v1/sims?iccid=" + middle).json();
        assertThat(byIccid.get("total").asInt()).isEqualTo(1);
        assertThat(byIccid.get("items").get(0).get("iccid").asString()).isEqualTo(target);
        String imsi = byIccid.get("items").get(0).get("imsi").asString();
        String msisdn = byIccid.get("items").get(0).get("msisdn").asString();
        assertThat(org.owner()
                        .get("/api/v1/sims?imsi=" + imsi.substring(imsi.length() - 6))
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(org.owner()
                        .get("/api/v1/sims?msisdn=" + msisdn.substring(msisdn.length() - 5))
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(org.owner()
                        .get("/api/v1/sims?label=van%207")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(org.owner().get("/api/v1/sims?iccid=%25").json().get("total").asInt())
                .as("a % is a character, not a wildcard")
                .isZero();

        var owner = owner(org);
        String page = owner.get("/sims?msisdn=" + msisdn.substring(msisdn.length() - 5))
                .body();
        assertThat(page).contains(target).doesNotContain(sims.get(0)).doesNotContain(sims.get(2));
        assertThat(owner.get("/sims?iccid=" + middle).body()).contains(target).doesNotContain(sims.get(0));
        assertThat(owner.get("/sims?label=VAN").body()).contains(target).doesNotContain(sims.get(2));
    }

    @Test
    void theListSortsByItsHeadersAndShowsTheChosenPageSize() {
        var org = data.organization("Sort Co");
        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 3, 19);
        var owner = owner(org);
        String ascending = owner.get("/sims").body();
        assertThat(ascending.indexOf(sims.get(0))).isLessThan(ascending.indexOf(sims.get(2)));
        assertThat(ascending).contains("aria-sort=\"ascending\"");
        String descending = owner.get("/sims?sort=-iccid&size=2").body();
        assertThat(descending).contains(sims.get(2)).contains(sims.get(1)).doesNotContain(">" + sims.get(0) + "<");
        assertThat(descending).contains("aria-sort=\"descending\"").contains("Page 1 of 2 · 3 SIMs");
        assertThat(owner.get("/sims?sort=group").status()).isEqualTo(200);
        assertThat(owner.get("/sims?sort=password").status()).isEqualTo(400);
        assertThat(org.owner().get("/api/v1/sims?sort=-group").status()).isEqualTo(200);
    }

    @Test
    void theEditFormKeepsBadInputWithTheFieldNamedAndSavesGoodInput() {
        var org = data.organization("Edit Co");
        String iccid = SimInventoryTestSupport.stock(data, org.id(), 1, 19).get(0);
        var owner = owner(org);
        var bad = owner.submit(
                "/sims/" + iccid,
                "/sims/" + iccid + "/edit",
                Map.of("label", "Pump 4", "imei", "490154203237519", "imeiLock", "true", "_imeiLock", "on"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body())
                .contains("IMEI: 15 digits, the last one the check digit")
                .contains("value=\"490154203237519\"")
                .contains("value=\"Pump 4\"");
        var sim = org.owner().get("/api/v1/sims/" + iccid).json();
        assertThat(sim.path("label").isMissingNode() || sim.get("label").isNull())
                .isTrue();
        assertThat(sim.get("imeiLock").asBoolean()).isFalse();

        var good = owner.submit(
                "/sims/" + iccid,
                "/sims/" + iccid + "/edit",
                Map.of("label", "Pump 4", "imei", "490154203237518", "imeiLock", "true", "_imeiLock", "on"));
        assertThat(good.status()).isEqualTo(302);
        sim = org.owner().get("/api/v1/sims/" + iccid).json();
        assertThat(sim.get("label").asString()).isEqualTo("Pump 4");
        assertThat(sim.get("imei").asString()).isEqualTo("490154203237518");
        assertThat(sim.get("imeiLock").asBoolean()).isTrue();
        assertThat(owner.get("/sims/" + iccid).body()).contains("Saved.");

        var labelOnly = owner.submit(
                "/sims/" + iccid,
                "/sims/" + iccid + "/edit",
                Map.of("label", "Pump 5", "imei", "490154203237518", "imeiLock", "true", "_imeiLock", "on"));
        assertThat(labelOnly.status()).isEqualTo(302);
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM network_request WHERE iccid = :i AND action = 'IMEI_LOCK'")
                        .param("i", iccid)
                        .query(Long.class)
                        .single())
                .as("saving the label does not lock the SIM again")
                .isEqualTo(1);
        var cleared = owner.submit(
                "/sims/" + iccid, "/sims/" + iccid + "/edit", Map.of("label", "", "imei", "", "_imeiLock", "on"));
        assertThat(cleared.status()).isEqualTo(302);
        sim = org.owner().get("/api/v1/sims/" + iccid).json();
        assertThat(sim.get("imeiLock").asBoolean()).isFalse();
        assertThat(sim.path("label").isMissingNode() || sim.get("label").isNull())
                .isTrue();
    }

    @Test
    void suspendingASimFromItsPageAsksFirst() {
        var org = data.organization("Ask Co");
        String iccid = SimInventoryTestSupport.stock(data, org.id(), 1, 19).get(0);
        var owner = owner(org);
        var asked = owner.submit("/sims/" + iccid, "/sims/" + iccid + "/state", Map.of("value", "SUSPENDED"));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("Suspend SIM " + iccid + "?").contains("name=\"confirmed\"");
        assertThat(state(org, iccid)).isEqualTo("ACTIVE");
        var done = owner.submit(
                "/sims/" + iccid, "/sims/" + iccid + "/state", Map.of("value", "SUSPENDED", "confirmed", "true"));
        assertThat(done.status()).isEqualTo(302);
        assertThat(state(org, iccid)).isEqualTo("SUSPENDED");
        var activated = owner.submit("/sims/" + iccid, "/sims/" + iccid + "/state", Map.of("value", "ACTIVE"));
        assertThat(activated.status())
                .as("activating cuts nothing off: no question")
                .isEqualTo(302);
        assertThat(state(org, iccid)).isEqualTo("ACTIVE");
    }

    @Test
    void aReadOnlyUserIsOfferedNoChangesAndEveryNewFormAnswers403() {
        var org = data.organization("Read Only Pages Co");
        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 2, 19);
        UUID group = UUID.fromString(org.owner()
                .post("/api/v1/groups", Map.of("name", "Fleet"))
                .json()
                .get("id")
                .asString());
        String email = TestData.email("ro");
        data.activeUser(org.owner(), "READ_ONLY", email);
        var ro = data.console(email, TestData.PASSWORD);
        String list = ro.get("/sims").body();
        assertThat(list)
                .contains(sims.get(0))
                .doesNotContain("id=\"bulk-form\"")
                .doesNotContain("name=\"iccid\" form=")
                .doesNotContain("id=\"select-all\"");
        assertThat(ro.get("/sims/" + sims.get(0)).body())
                .doesNotContain("id=\"sim-edit\"")
                .doesNotContain("id=\"action-state\"");
        String groups = ro.get("/groups").body();
        assertThat(groups)
                .contains(">Fleet</a>")
                .doesNotContain("id=\"group-create\"")
                .doesNotContain("Delete");
        assertThat(ro.get("/groups/" + group).body()).doesNotContain("id=\"group-rename\"");
        assertThat(ro.get("/groups/" + group + "/delete").status()).isEqualTo(403);

        String page = "/sims";
        assertThat(ro.submit(page, "/groups", Map.of("name", "Mine")).status()).isEqualTo(403);
        assertThat(ro.submit(page, "/groups/" + group, Map.of("name", "Renamed"))
                        .status())
                .isEqualTo(403);
        assertThat(ro.submit(page, "/groups/" + group + "/delete", Map.of()).status())
                .isEqualTo(403);
        assertThat(ro.submitAll(page, "/sims/bulk/state", fields(sims, "value", "SUSPENDED", "confirmed", "true"))
                        .status())
                .isEqualTo(403);
        assertThat(ro.submitAll(
                                page,
                                "/sims/bulk/group",
                                fields(sims, "groupId", group.toString(), "confirmed", "true"))
                        .status())
                .isEqualTo(403);
        assertThat(ro.submit(page, "/sims/" + sims.get(0) + "/edit", Map.of("label", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(org.owner().get("/api/v1/groups").json().get("total").asInt())
                .isEqualTo(1);
        assertThat(state(org, sims.get(0))).isEqualTo("ACTIVE");
    }
}
