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

        // unticking every group in the edit form is refused (a Group user has at least one group); another group
        // in its place takes the first one away
        String depot = org.owner()
                .get("/api/v1/groups")
                .json()
                .get("items")
                .valueStream()
                .filter(g -> g.get("name").asString().equals("Depot"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();
        String id = org.owner()
                .get("/api/v1/users?q=Greta")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        assertThat(session.get("/users/" + id + "/edit").body()).contains("value=\"" + fleet + "\" checked");
        var refusedEdit = session.submit(
                "/users/" + id + "/edit",
                "/users/" + id,
                Map.of("firstName", "Greta", "lastName", "Group", "role", "GROUP_USER"));
        assertThat(refusedEdit.status()).isEqualTo(200);
        assertThat(refusedEdit.body()).contains("Choose at least one SIM group");
        assertThat(groupUser.get("/sims").body()).contains(fleetSim);
        assertThat(session.submit(
                                "/users/" + id + "/edit",
                                "/users/" + id,
                                Map.of(
                                        "firstName",
                                        "Greta",
                                        "lastName",
                                        "Group",
                                        "role",
                                        "GROUP_USER",
                                        "groupIds",
                                        depot))
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
        var asked = owner.submit("/sims/" + iccid, "/sims/" + iccid + "/state", Map.of("value", "DEACTIVATED"));
        assertThat(asked.body()).contains("Deactivate SIM " + iccid + "?");
        assertThat(networkRequests(iccid, "CHANGE_STATE")).isZero();
        var done = owner.submit(
                "/sims/" + iccid, "/sims/" + iccid + "/state", Map.of("value", "DEACTIVATED", "confirmed", "true"));
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

    private SimCard reread(String iccid) {
        return data.jdbc()
                .sql("SELECT * FROM sim_card WHERE iccid = :i")
                .param("i", iccid)
                .query((rs, n) -> new SimCard(
                        rs.getObject("organization_id", UUID.class),
                        rs.getString("iccid"),
                        rs.getString("imsi"),
                        rs.getString("msisdn"),
                        rs.getString("imei"),
                        rs.getBoolean("imei_lock"),
                        rs.getString("label"),
                        SimState.valueOf(rs.getString("state")),
                        (Integer) rs.getObject("monthly_limit_mb"),
                        (Integer) rs.getObject("auto_top_up_mb"),
                        rs.getLong("data_used_mb"),
                        rs.getObject("group_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant()))
                .single();
    }

    private long allNetworkRequests(String iccid) {
        return data.jdbc()
                .sql("SELECT count(*) FROM network_request WHERE iccid = :i")
                .param("i", iccid)
                .query(Long.class)
                .single();
    }

    /** The details of the SIM's audit entries with this outcome, oldest first. */
    private java.util.List<String> audited(String iccid, String outcome) {
        return data.jdbc()
                .sql("SELECT action || ' ' || coalesce(detail, '') FROM audit_event"
                        + " WHERE target_id = :i AND outcome = :o ORDER BY id")
                .param("i", iccid)
                .param("o", outcome)
                .query(String.class)
                .list();
    }

    /** A request the network has not answered yet, as a real network's implementation would leave it. */
    private long pendingRequest(UUID org, String iccid) {
        return data.jdbc()
                .sql("INSERT INTO network_request (organization_id, iccid, action, payload, answer)"
                        + " VALUES (:o, :i, 'CHANGE_STATE', 'ACTIVE', 'pending') RETURNING id")
                .param("o", org)
                .param("i", iccid)
                .query(Long.class)
                .single();
    }

    @Test
    void aChangeTheNetworkRefusesWritesNothingAndSaysWhy() {
        var org = data.organization("Refused Co");
        String iccid = importOne(org.id());
        SimCard before = reread(iccid);
        long pending = pendingRequest(org.id(), iccid);

        var refused = org.owner()
                .patch(
                        "/api/v1/sims/" + iccid,
                        Map.of(
                                "state",
                                "SUSPENDED",
                                "imeiLock",
                                true,
                                "imei",
                                "490154203237518",
                                "monthlyLimitMb",
                                500,
                                "autoTopUpMb",
                                50,
                                "label",
                                "Truck 9"));
        refused.expect(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("title").asString()).isEqualTo("Refused by the network");
        assertThat(refused.json().get("networkReason").asString())
                .isEqualTo("Request " + pending + " for this SIM is still in progress; try again once it is answered");
        assertThat(refused.json().get("detail").asString()).contains("Nothing was changed");

        assertThat(reread(iccid)).as("the SIM is as it was").isEqualTo(before);
        assertThat(allNetworkRequests(iccid)).as("only the pending request").isEqualTo(1);
        assertThat(audited(iccid, "FAILURE"))
                .containsExactly("SIM_CHANGED Refused by the network: Request " + pending
                        + " for this SIM is still in progress; try again once it is answered");
        assertThat(audited(iccid, "SUCCESS")).isEmpty();

        // the other actions are refused alike while the network is busy with the SIM
        org.owner()
                .post("/api/v1/sims/" + iccid + "/sms", Map.of("text", "ping"))
                .expect(409);
        org.owner()
                .post("/api/v1/sims/" + iccid + "/top-up", Map.of("megabytes", 10))
                .expect(409);
        org.owner().post("/api/v1/sims/" + iccid + "/reset-connectivity").expect(409);
        assertThat(allNetworkRequests(iccid)).isEqualTo(1);
        assertThat(audited(iccid, "FAILURE")).hasSize(4);

        // once the network has answered, the same change goes through
        data.jdbc()
                .sql("UPDATE network_request SET completed_at = now() WHERE id = :id")
                .param("id", pending)
                .update();
        var done = org.owner()
                .patch(
                        "/api/v1/sims/" + iccid,
                        Map.of("state", "SUSPENDED", "imeiLock", true, "imei", "490154203237518", "label", "Truck 9"))
                .expect(200)
                .json();
        assertThat(done.get("imei").asString()).isEqualTo("490154203237518");
        assertThat(reread(iccid).state()).isEqualTo(SimState.SUSPENDED);
        assertThat(networkRequests(iccid, "IMEI_LOCK")).isEqualTo(1);
        // the change, and its state change on its own (the event that webhooks announce as sim.state_changed)
        assertThat(audited(iccid, "SUCCESS"))
                .containsExactly(
                        "SIM_CHANGED State is now SUSPENDED; IMEI lock set to 490154203237518; Label set",
                        "SIM_STATE_CHANGED ACTIVE to SUSPENDED");
    }

    @Test
    void theWholeChangeIsCheckedBeforeTheNetworkIsAsked() {
        var org = data.organization("Checked Co");
        String iccid = importOne(org.id());
        SimCard before = reread(iccid);
        var refused = org.owner()
                .patch(
                        "/api/v1/sims/" + iccid,
                        Map.of(
                                "state",
                                "SUSPENDED",
                                "imeiLock",
                                true,
                                "imei",
                                "490154203237519",
                                "monthlyLimitMb",
                                -5,
                                "autoTopUpMb",
                                2_000_000,
                                "label",
                                "x".repeat(101),
                                "groupId",
                                UUID.randomUUID().toString()));
        refused.expect(400);
        assertThat(refused.fieldError("imei")).contains("check digit");
        assertThat(refused.fieldError("monthlyLimitMb")).isNotNull();
        assertThat(refused.fieldError("autoTopUpMb")).isNotNull();
        assertThat(refused.fieldError("label")).isNotNull();
        assertThat(refused.fieldError("groupId")).isNotNull();
        assertThat(refused.fieldError("state")).isNull();
        assertThat(org.owner()
                        .patch("/api/v1/sims/" + iccid, Map.of("imei", "490154203237518"))
                        .expect(400)
                        .fieldError("imei"))
                .contains("imeiLock: true");
        assertThat(org.owner()
                        .patch(
                                "/api/v1/sims/" + iccid,
                                Map.of("groupId", UUID.randomUUID().toString(), "ungroup", true))
                        .expect(400)
                        .fieldError("groupId"))
                .contains("not both");
        assertThat(reread(iccid)).isEqualTo(before);
        assertThat(allNetworkRequests(iccid)).isZero();
        assertThat(audited(iccid, "FAILURE"))
                .hasSize(3)
                .first()
                .asString()
                .startsWith("SIM_CHANGED Refused: imei: ")
                .contains("monthlyLimitMb: ", "autoTopUpMb: ", "label: ", "groupId: ");

        // a busy network would refuse; a change with a bad field is refused by its checks before the network is asked
        pendingRequest(org.id(), iccid);
        assertThat(org.owner()
                        .patch("/api/v1/sims/" + iccid, Map.of("state", "SUSPENDED", "label", "\u0007"))
                        .expect(400)
                        .fieldError("label"))
                .isNotNull();
    }

    @Test
    void theNetworkRefusesAnSmsToADeactivatedSimAndRefusalsOfEveryKindAreAudited() {
        var org = data.organization("Deactivated Co");
        String iccid = importOne(org.id());
        org.owner()
                .patch("/api/v1/sims/" + iccid, Map.of("state", "DEACTIVATED"))
                .expect(200);
        var sms = org.owner().post("/api/v1/sims/" + iccid + "/sms", Map.of("text", "wake up"));
        sms.expect(409);
        assertThat(sms.json().get("networkReason").asString())
                .isEqualTo("The SIM is DEACTIVATED: it cannot receive an SMS");
        assertThat(networkRequests(iccid, "SEND_SMS")).isZero();
        org.owner().post("/api/v1/sims/" + iccid + "/reset-connectivity").expect(409);
        assertThat(networkRequests(iccid, "RESET_CONNECTIVITY")).isZero();
        org.owner().post("/api/v1/sims/" + iccid + "/sms", Map.of("text", "")).expect(400);
        org.owner()
                .post("/api/v1/sims/" + iccid + "/top-up", Map.of("megabytes", -1))
                .expect(400);
        assertThat(audited(iccid, "FAILURE"))
                .containsExactly(
                        "SIM_SMS_SENT Refused by the network: The SIM is DEACTIVATED: it cannot receive an SMS",
                        "SIM_CONNECTIVITY_RESET Refused by the network: The SIM is DEACTIVATED: it has no connection"
                                + " to reset",
                        "SIM_SMS_SENT Refused: text: 1 to 160 characters",
                        "SIM_TOPPED_UP Refused: megabytes: 1 to 1000000 MB");

        // another organisation's attempt is a 404, audited in its own log as a refusal
        var other = data.organization("Deactivated Other");
        other.owner().patch("/api/v1/sims/" + iccid, Map.of("state", "ACTIVE")).expect(404);
        other.owner()
                .post("/api/v1/sims/" + iccid + "/sms", Map.of("text", "hi"))
                .expect(404);
        assertThat(data.jdbc()
                        .sql("SELECT target_label || ' ' || detail FROM audit_event WHERE organization_id = :o"
                                + " AND action = 'ACCESS_DENIED' AND outcome = 'DENIED' ORDER BY id")
                        .param("o", other.id())
                        .query(String.class)
                        .list())
                .containsExactly(
                        "PATCH /api/v1/sims/" + iccid + " SIM not found",
                        "POST /api/v1/sims/" + iccid + "/sms SIM not found");
        // reading a SIM that is not there is no refusal of an action
        other.owner().get("/api/v1/sims/" + iccid).expect(404);
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM audit_event WHERE organization_id = :o AND outcome = 'DENIED'")
                        .param("o", other.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        // the console's SIM page says why, and the refusal is audited the same way
        var owner = new io.iotconsole.support.ConsoleSession(data.baseUrl());
        owner.signIn(org.ownerEmail(), TestData.PASSWORD);
        owner.submit("/sims/" + iccid, "/sims/" + iccid + "/sms", Map.of("value", "hello"));
        assertThat(owner.get("/sims/" + iccid).body())
                .contains(
                        "The network refused: The SIM is DEACTIVATED: it cannot receive an SMS. Nothing was changed.");
        owner.submit("/sims/" + iccid, "/sims/" + iccid + "/top-up", Map.of("value", "many"));
        assertThat(owner.get("/sims/" + iccid).body()).contains("A whole number of MB");
        assertThat(audited(iccid, "FAILURE"))
                .hasSize(6)
                .endsWith(
                        "SIM_SMS_SENT Refused by the network: The SIM is DEACTIVATED: it cannot receive an SMS",
                        "SIM_TOPPED_UP Refused: megabytes: A whole number of MB");
        // the IMEI lock from the page, bound to the IMEI typed
        owner.submit(
                "/sims/" + iccid, "/sims/" + iccid + "/imei-lock", Map.of("value", "true", "imei", "490154203237518"));
        assertThat(owner.get("/sims/" + iccid).body()).contains("IMEI lock set to 490154203237518.");
        assertThat(reread(iccid).imei()).isEqualTo("490154203237518");
    }

    private static SimChanges changes(String state, UUID groupId) {
        return new SimChanges(state, null, null, null, null, groupId, null, null);
    }
}
