package io.iotconsole.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotconsole.security.Role;
import io.iotconsole.shared.ForbiddenException;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.SignedIn;
import io.iotconsole.support.TestData;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** SIM actions through the network simulator, each permission-checked and audited; SIM groups. */
@IntegrationTest
class SimActionsTests {
    @Autowired
    TestData data;

    @Autowired
    SimActions actions;

    private String importOne(UUID org) {
        String iccid = SimInventoryTests.iccid(19);
        data.operator()
                .raw(
                        "POST",
                        "/api/v1/organizations/" + org + "/sims/import",
                        "text/csv",
                        iccid + ",234150000000001,447700900001")
                .expect(200);
        return iccid;
    }

    private long networkRequests(String iccid, String action) {
        return data.jdbc()
                .sql("SELECT count(*) FROM network_request WHERE iccid = :i AND action = :a")
                .param("i", iccid)
                .param("a", action)
                .query(Long.class)
                .single();
    }

    @Test
    void anOwnerChangesStateLockLimitAndLabelThroughTheNetworkAndItIsAudited() {
        var org = data.organization("Actions Co");
        String iccid = importOne(org.id());
        var changed = org.owner()
                .patch(
                        "/api/v1/sims/" + iccid,
                        Map.of("state", "SUSPENDED", "imeiLock", true, "monthlyLimitMb", 500, "label", "Truck 7"));
        changed.expect(200);
        assertThat(changed.json().get("state").asString()).isEqualTo("SUSPENDED");
        assertThat(changed.json().get("imeiLock").asBoolean()).isTrue();
        assertThat(changed.json().get("monthlyLimitMb").asInt()).isEqualTo(500);
        assertThat(changed.json().get("label").asString()).isEqualTo("Truck 7");
        assertThat(networkRequests(iccid, "CHANGE_STATE")).isEqualTo(1);
        assertThat(networkRequests(iccid, "IMEI_LOCK")).isEqualTo(1);
        assertThat(networkRequests(iccid, "MONTHLY_LIMIT")).isEqualTo(1);
        assertThat(org.owner()
                        .get("/api/v1/audit-events?action=SIM_CHANGED")
                        .json()
                        .toString())
                .contains(iccid)
                .contains("State is now SUSPENDED");
        assertThat(org.owner()
                        .patch("/api/v1/sims/" + iccid, Map.of("monthlyLimitMb", 0))
                        .json()
                        .path("monthlyLimitMb")
                        .isMissingNode())
                .isTrue();
        org.owner().patch("/api/v1/sims/" + iccid, Map.of("state", "BROKEN")).expect(400);
        org.owner().patch("/api/v1/sims/" + iccid, Map.of()).expect(400);

        var reset = org.owner().post("/api/v1/sims/" + iccid + "/reset-connectivity");
        reset.expect(200);
        assertThat(reset.json().get("message").asString()).isEqualTo("Connectivity reset done");
        org.owner()
                .post("/api/v1/sims/" + iccid + "/sms", Map.of("text", "x".repeat(161)))
                .expect(400);
        assertThat(org.owner()
                        .post("/api/v1/sims/" + iccid + "/sms", Map.of("text", "ping"))
                        .expect(200)
                        .json()
                        .get("message")
                        .asString())
                .isEqualTo("SMS sent");
        assertThat(networkRequests(iccid, "SEND_SMS")).isEqualTo(1);
        org.owner()
                .post("/api/v1/sims/" + iccid + "/top-up", Map.of("megabytes", 0))
                .expect(400);
        assertThat(org.owner()
                        .post("/api/v1/sims/" + iccid + "/top-up", Map.of("megabytes", 250))
                        .expect(200)
                        .json()
                        .get("message")
                        .asString())
                .isEqualTo("Topped up by 250 MB");
        assertThat(networkRequests(iccid, "TOP_UP")).isEqualTo(1);
        assertThat(org.owner()
                        .patch("/api/v1/sims/" + iccid, Map.of("autoTopUpMb", 300))
                        .expect(200)
                        .json()
                        .get("autoTopUpMb")
                        .asInt())
                .isEqualTo(300);
        assertThat(networkRequests(iccid, "AUTO_TOP_UP")).isEqualTo(1);
        org.owner().patch("/api/v1/sims/" + iccid, Map.of("autoTopUpMb", -1)).expect(400);
        assertThat(org.owner()
                        .patch("/api/v1/sims/" + iccid, Map.of("autoTopUpMb", 0))
                        .json()
                        .path("autoTopUpMb")
                        .isMissingNode())
                .isTrue();

        var other = data.organization("Actions Other");
        other.owner().patch("/api/v1/sims/" + iccid, Map.of("state", "ACTIVE")).expect(404);
        other.owner().post("/api/v1/sims/" + iccid + "/reset-connectivity").expect(404);
    }

    @Test
    void eachActionNeedsItsOwnPermission() {
        var org = data.organization("Roles Co");
        String iccid = importOne(org.id());
        UUID thirdParty = data.activeUser(org.owner(), "THIRD_PARTY", TestData.email("tp"));
        UUID readOnly = data.activeUser(org.owner(), "READ_ONLY", TestData.email("ro"));
        SignedIn.as(thirdParty, org.id(), Role.THIRD_PARTY, () -> {
            assertThat(actions.resetConnectivity(iccid, null).accepted()).isTrue();
            assertThatThrownBy(() -> actions.topUp(iccid, 100, null)).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(
                            () -> actions.change(iccid, new SimChanges(null, null, null, null, 100, null, null, null)))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> actions.change(iccid, changes("DEACTIVATED", null)))
                    .isInstanceOf(ForbiddenException.class);
        });
        SignedIn.as(readOnly, org.id(), Role.READ_ONLY, () -> {
            assertThatThrownBy(() -> actions.resetConnectivity(iccid, null)).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> actions.sendSms(iccid, "hi", null)).isInstanceOf(ForbiddenException.class);
        });
        assertThat(networkRequests(iccid, "CHANGE_STATE")).isZero();
    }

    @Test
    void groupsAreManagedAndGroupUsersActOnlyOnTheirGroupsSims() {
        var org = data.organization("Groups Co");
        String inGroup = importOne(org.id());
        String outside = importOne(org.id());
        var created = org.owner().post("/api/v1/groups", Map.of("name", "Fleet"));
        created.expect(201);
        String group = created.json().get("id").asString();
        org.owner().post("/api/v1/groups", Map.of("name", "fleet")).expect(409);
        org.owner().post("/api/v1/groups", Map.of("name", " ")).expect(400);
        org.owner()
                .patch("/api/v1/groups/" + group, Map.of("name", "Fleet North"))
                .expect(200);
        org.owner().patch("/api/v1/sims/" + inGroup, Map.of("groupId", group)).expect(200);
        var foreign = data.organization("Groups Other");
        foreign.owner().patch("/api/v1/groups/" + group, Map.of("name", "Mine")).expect(404);
        org.owner()
                .patch(
                        "/api/v1/sims/" + outside,
                        Map.of("groupId", UUID.randomUUID().toString()))
                .expect(400);
        var groups = org.owner().get("/api/v1/groups").expect(200).json();
        assertThat(groups.get("items").get(0).get("name").asString()).isEqualTo("Fleet North");
        assertThat(groups.get("items").get(0).get("simCount").asInt()).isEqualTo(1);

        UUID groupUser = data.activeUser(org.owner(), "GROUP_USER", TestData.email("gu"));
        data.jdbc()
                .sql("INSERT INTO user_sim_group (organization_id, user_id, group_id) VALUES (:o, :u, :g)")
                .param("o", org.id())
                .param("u", groupUser)
                .param("g", UUID.fromString(group))
                .update();
        SignedIn.as(groupUser, org.id(), Role.GROUP_USER, () -> {
            assertThat(actions.change(inGroup, changes("DEACTIVATED", null)).state())
                    .isEqualTo(SimState.DEACTIVATED);
            assertThatThrownBy(() -> actions.change(outside, changes("DEACTIVATED", null)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> actions.change(inGroup, changes(null, UUID.fromString(group))))
                    .as("group users do not move SIMs between groups")
                    .isInstanceOf(ForbiddenException.class);
        });

        org.owner().delete("/api/v1/groups/" + group).expect(204);
        assertThat(org.owner()
                        .get("/api/v1/sims/" + inGroup)
                        .json()
                        .path("groupId")
                        .isMissingNode())
                .isTrue();
    }

    @Test
    void groupsAreAssignedToGroupUsersOnTheUserFormAndTheApi() {
        var org = data.organization("Assign Co");
        String fleetSim = importOne(org.id());
        String otherSim = importOne(org.id());
        String fleet = org.owner()
                .post("/api/v1/groups", Map.of("name", "Fleet"))
                .json()
                .get("id")
                .asString();
        org.owner().post("/api/v1/groups", Map.of("name", "Depot")).expect(201);
        org.owner().patch("/api/v1/sims/" + fleetSim, Map.of("groupId", fleet)).expect(200);
        var foreignGroup = data.organization("Assign Other")
                .owner()
                .post("/api/v1/groups", Map.of("name", "Theirs"))
                .json()
                .get("id")
                .asString();

        var refused = org.owner()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "G",
                                "lastName",
                                "U",
                                "email",
                                TestData.email("g"),
                                "role",
                                "GROUP_USER",
                                "groupIds",
                                java.util.List.of(foreignGroup)));
        refused.expect(400);
        assertThat(refused.fieldError("groupIds")).contains("organisation");
        org.owner()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "S",
                                "lastName",
                                "U",
                                "email",
                                TestData.email("s"),
                                "role",
                                "STANDARD",
                                "groupIds",
                                java.util.List.of(fleet)))
                .expect(400);

        // the console form: an Admin creates a Group user with the Fleet group ticked
        String admin = TestData.email("admin");
        data.activeUser(org.owner(), "ADMIN", admin);
        var session = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        session.signIn(admin, TestData.PASSWORD);
        assertThat(session.get("/users/new").body()).contains("Fleet").contains("Depot");
        String groupEmail = TestData.email("grp");
        var form = new java.util.LinkedHashMap<String, String>();
        form.put("firstName", "Greta");
        form.put("lastName", "Group");
        form.put("email", groupEmail);
        form.put("role", "GROUP_USER");
        form.put("groupIds", fleet);
        assertThat(session.submit("/users/new", "/users", form).status()).isEqualTo(302);
        data.activate(groupEmail, TestData.PASSWORD);
        var groupUser = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        groupUser.signIn(groupEmail, TestData.PASSWORD);
        String sims = groupUser.get("/sims").body();
        assertThat(sims).contains(fleetSim).doesNotContain(otherSim);
        assertThat(groupUser.get("/sims/" + otherSim).status()).isEqualTo(404);

        // unticking every group in the edit form takes them all away
        String id = org.owner()
                .get("/api/v1/users?q=Greta")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        assertThat(session.get("/users/" + id + "/edit").body()).contains("value=\"" + fleet + "\" checked");
        assertThat(session.submit(
                                "/users/" + id + "/edit",
                                "/users/" + id,
                                Map.of("firstName", "Greta", "lastName", "Group", "role", "GROUP_USER"))
                        .status())
                .isEqualTo(302);
        assertThat(groupUser.get("/sims").body()).doesNotContain(fleetSim);
    }

    @Test
    void theDetailPageOffersOnlyTheActionsTheRoleMayTake() {
        var org = data.organization("Offer Co");
        String iccid = importOne(org.id());
        var owner = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        owner.signIn(org.ownerEmail(), TestData.PASSWORD);
        String page = owner.get("/sims/" + iccid).body();
        assertThat(page)
                .contains("id=\"action-state\"")
                .contains("id=\"action-imei-lock\"")
                .contains("id=\"action-limit\"")
                .contains("id=\"action-reset\"")
                .contains("id=\"action-sms\"");
        var done = owner.submit("/sims/" + iccid, "/sims/" + iccid + "/state", Map.of("value", "DEACTIVATED"));
        assertThat(done.location()).contains("/sims/" + iccid);
        assertThat(owner.get("/sims/" + iccid).body()).contains("State is now DEACTIVATED.");
        owner.submit("/sims/" + iccid, "/sims/" + iccid + "/limit", Map.of("value", "lots"));
        assertThat(owner.get("/sims/" + iccid).body()).contains("A whole number of MB");

        String thirdParty = TestData.email("tp");
        data.activeUser(org.owner(), "THIRD_PARTY", thirdParty);
        var tp = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        tp.signIn(thirdParty, TestData.PASSWORD);
        String tpPage = tp.get("/sims/" + iccid).body();
        assertThat(page).contains("id=\"action-top-up\"", "id=\"action-auto-top-up\"");
        assertThat(tpPage).doesNotContain("id=\"action-top-up\"").doesNotContain("id=\"action-auto-top-up\"");
        owner.submit("/sims/" + iccid, "/sims/" + iccid + "/auto-top-up", Map.of("value", "200"));
        assertThat(owner.get("/sims/" + iccid).body()).contains("Auto top-up set to 200 MB.", "200 MB at the limit");
        assertThat(tp.submit("/sims/" + iccid, "/sims/" + iccid + "/auto-top-up", Map.of("value", "5"))
                        .status())
                .isEqualTo(403);
        assertThat(tpPage)
                .doesNotContain("id=\"action-state\"")
                .doesNotContain("id=\"action-imei-lock\"")
                .contains("id=\"action-reset\"")
                .contains("id=\"action-sms\"");
        assertThat(tp.submit("/sims/" + iccid, "/sims/" + iccid + "/state", Map.of("value", "ACTIVE"))
                        .status())
                .isEqualTo(403);
        assertThat(networkRequests(iccid, "CHANGE_STATE")).isEqualTo(1);

        String readOnly = TestData.email("ro");
        data.activeUser(org.owner(), "READ_ONLY", readOnly);
        var ro = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        ro.signIn(readOnly, TestData.PASSWORD);
        assertThat(ro.get("/sims/" + iccid).body())
                .doesNotContain("<form method=\"post\" class=\"inline-form\"")
                .doesNotContain("id=\"action-");
    }

    private static SimChanges changes(String state, UUID groupId) {
        return new SimChanges(state, null, null, null, null, groupId, null, null);
    }
}
