package io.iotconsole.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sub-organisations: one level deep, PENDING until their Owner sets a password, their data closed to the parent. */
@IntegrationTest
class SubOrganizationTests {
    @Autowired
    TestData data;

    @Test
    void theSubOrganisationIsPendingUntilItsOwnerSetsAPasswordAndItsDataStaysItsOwn() {
        var parent = data.organization("Parent Co");
        String subOwner = TestData.email("subowner");
        var created = parent.owner()
                .post(
                        "/api/v1/organizations",
                        Map.of(
                                "name",
                                "Parent Retail",
                                "owner",
                                Map.of("firstName", "Sue", "lastName", "Sub", "email", subOwner)));
        created.expect(201);
        assertThat(created.json().get("status").asString()).isEqualTo("PENDING");
        String subId = created.json().get("id").asString();

        data.activate(subOwner, TestData.PASSWORD);
        var sub = data.login(subOwner);
        assertThat(parent.owner()
                        .get("/api/v1/organizations/" + subId)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ACTIVE");
        assertThat(parent.owner()
                        .get("/api/v1/organizations/" + subId)
                        .json()
                        .get("owner")
                        .get("email")
                        .asString())
                .isEqualTo(subOwner);

        // the parent sees the summary, never the sub-organisation's users, nor the other way round
        parent.owner().get("/api/v1/users?organizationId=" + subId).expect(404);
        sub.get("/api/v1/users?organizationId=" + parent.id()).expect(404);
        sub.get("/api/v1/organizations/" + parent.id()).expect(404);
        var subsOwnUsers = sub.get("/api/v1/users").expect(200).json();
        assertThat(subsOwnUsers.get("items").toString()).contains(subOwner).doesNotContain(parent.ownerEmail());

        // one level deep
        var deeper = sub.post(
                "/api/v1/organizations",
                Map.of(
                        "name",
                        "Too Deep",
                        "owner",
                        Map.of("firstName", "T", "lastName", "D", "email", TestData.email("deep"))));
        deeper.expect(409);
        assertThat(deeper.json().get("detail").asString()).contains("cannot have sub-organisations");
    }

    @Test
    void rolesWithoutOrganisationCreateAreRefused() {
        var parent = data.organization("Refusing Co");
        String std = TestData.email("std");
        data.activeUser(parent.owner(), "STANDARD", std);
        var session = new ConsoleSession(data.baseUrl());
        session.signIn(std, TestData.PASSWORD);
        assertThat(session.get("/organizations").body()).doesNotContain("New sub-organisation");
        var refused = session.submit(
                "/organizations", "/organizations/wizard", wizardFields("summary", "X", "Y", "Z", TestData.email("z")));
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void theWizardGoesCompanyOwnerSummaryAndKeepsEverythingOnTheWay() {
        var parent = data.organization("Wizard Co");
        String admin = TestData.email("admin");
        data.activeUser(parent.owner(), "ADMIN", admin);
        var session = new ConsoleSession(data.baseUrl());
        session.signIn(admin, TestData.PASSWORD);
        assertThat(session.get("/organizations").body()).contains("New sub-organisation");
        assertThat(session.get("/organizations/new").body()).contains("name=\"step\" value=\"company\"");

        var missingName =
                session.submit("/organizations/new", "/organizations/wizard", wizardFields("company", "", "", "", ""));
        assertThat(missingName.body()).contains("Enter the organisation").contains("value=\"company\"");

        String email = TestData.email("wizowner");
        var ownerStep = session.submit(
                "/organizations/new", "/organizations/wizard", wizardFields("company", "Wizard <Retail>", "", "", ""));
        assertThat(ownerStep.body()).contains("value=\"owner\"").contains("value=\"Wizard &lt;Retail&gt;\"");
        var badOwner = session.submit(
                "/organizations/new",
                "/organizations/wizard",
                wizardFields("owner", "Wizard <Retail>", "Wanda", "", "not-mail"));
        assertThat(badOwner.body())
                .contains("value=\"owner\"")
                .contains("Required")
                .contains("valid e-mail");
        var summary = session.submit(
                "/organizations/new",
                "/organizations/wizard",
                wizardFields("owner", "Wizard <Retail>", "Wanda", "Wiz", email));
        assertThat(summary.body())
                .contains("value=\"summary\"")
                .contains("Wizard &lt;Retail&gt;")
                .contains(email);
        var created = session.submit(
                "/organizations/new",
                "/organizations/wizard",
                wizardFields("summary", "Wizard <Retail>", "Wanda", "Wiz", email));
        assertThat(created.location()).endsWith("/organizations");
        assertThat(session.get("/organizations").body())
                .contains("Wizard &lt;Retail&gt;")
                .contains("PENDING")
                .contains(email);
        data.activate(email, TestData.PASSWORD);
        assertThat(session.get("/organizations").body()).doesNotContain("PENDING");
    }

    @Test
    void deletionIsRefusedWithTheReasonWhileTheSubOrganisationIsPendingHasOpenWorkOrOwnsSims() {
        var parent = data.organization("Deleting Co");
        var other = data.organization("Not Yours");
        String subOwner = TestData.email("gone");
        var created = parent.owner()
                .post(
                        "/api/v1/organizations",
                        Map.of(
                                "name",
                                "Short Lived",
                                "owner",
                                Map.of("firstName", "Gone", "lastName", "Soon", "email", subOwner)));
        String subId = created.json().get("id").asString();

        var pending = parent.owner().delete("/api/v1/organizations/" + subId);
        pending.expect(409);
        assertThat(pending.json().get("detail").asString()).contains("PENDING");
        data.activate(subOwner, TestData.PASSWORD);
        var subSession = new ConsoleSession(data.baseUrl());
        subSession.signIn(subOwner, TestData.PASSWORD);

        // an open order is an open workflow
        var sub = data.login(subOwner);
        String order = sub.post("/api/v1/orders", Map.of("quantity", 5))
                .expect(201)
                .json()
                .get("id")
                .asString();
        var withOrder = parent.owner().delete("/api/v1/organizations/" + subId);
        withOrder.expect(409);
        assertThat(withOrder.json().get("detail").asString()).contains("1 open order (order 1)");
        data.operator().post("/api/v1/orders/" + order + "/cancel").expect(200);

        // so is a SIM action the network has not answered yet (the shipped simulator answers at once)
        data.jdbc()
                .sql("INSERT INTO network_request (organization_id, iccid, action, answer) "
                        + "VALUES (:org, '89440000000000000000', 'RESET_CONNECTIVITY', 'pending')")
                .param("org", java.util.UUID.fromString(subId))
                .update();
        var running = parent.owner().delete("/api/v1/organizations/" + subId);
        running.expect(409);
        assertThat(running.json().get("detail").asString()).contains("1 SIM action still running");
        data.jdbc()
                .sql("UPDATE network_request SET completed_at = now() WHERE organization_id = :org")
                .param("org", java.util.UUID.fromString(subId))
                .update();

        String sim = io.iotconsole.sim.SimInventoryTestSupport.iccid();
        data.operator()
                .raw(
                        "POST",
                        "/api/v1/organizations/" + subId + "/sims/import",
                        "text/csv",
                        sim + ",234150000000001,447700900001")
                .expect(200);
        var withSims = parent.owner().delete("/api/v1/organizations/" + subId);
        withSims.expect(409);
        assertThat(withSims.json().get("detail").asString()).contains("still owns 1 SIM");

        parent.owner()
                .raw(
                        "POST",
                        "/api/v1/sim-transfers?dryRun=false&fromOrganizationId=" + subId + "&toOrganizationId="
                                + parent.id(),
                        "text/plain",
                        sim + ";" + sim)
                .expect(200);
        other.owner().delete("/api/v1/organizations/" + subId).expect(404);
        parent.owner().delete("/api/v1/organizations/" + parent.id()).expect(404);
        parent.owner().delete("/api/v1/organizations/" + subId).expect(204);
        parent.owner().get("/api/v1/organizations/" + subId).expect(404);
        assertThat(subSession.get("/profile").location()).contains("/login");
        data.api().tokenResponse(subOwner, TestData.PASSWORD).expect(401);
        assertThat(parent.owner()
                        .get("/api/v1/audit-events?action=ORGANIZATION_DELETED")
                        .json()
                        .toString())
                .contains("Short Lived");
    }

    private static Map<String, String> wizardFields(String step, String name, String first, String last, String email) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("step", step);
        fields.put("name", name);
        fields.put("ownerFirstName", first);
        fields.put("ownerLastName", last);
        fields.put("ownerEmail", email);
        return fields;
    }

    @Test
    void theParentSeesItsSubOrganisationsSummaryButNotItsCompanyDataAndConsolePagesRefuseOtherIds() {
        var parent = data.organization("Summary Parent");
        var sub = data.subOrganization(parent, "Summary Sub");
        data.jdbc()
                .sql("UPDATE organization SET legal_name = 'Sub Legal GmbH', address = '1 Secret Street'"
                        + " WHERE id = :id")
                .param("id", sub.id())
                .update();
        String one = parent.owner()
                .get("/api/v1/organizations/" + sub.id())
                .expect(200)
                .body();
        assertThat(one).contains("Summary Sub", "simCount").doesNotContain("Sub Legal GmbH", "Secret Street");
        assertThat(parent.owner().get("/api/v1/organizations").expect(200).body())
                .contains("Summary Sub")
                .doesNotContain("Sub Legal GmbH", "Secret Street");
        assertThat(sub.owner()
                        .get("/api/v1/organizations/" + sub.id())
                        .expect(200)
                        .body())
                .as("the sub-organisation itself sees its company data")
                .contains("Sub Legal GmbH");

        var stranger = data.organization("Summary Stranger");
        var session = new ConsoleSession(data.baseUrl());
        session.signIn(stranger.ownerEmail(), TestData.PASSWORD);
        assertThat(session.get("/users?org=" + parent.id()).status()).isEqualTo(404);
        assertThat(session.get("/users/new?org=" + parent.id()).status()).isEqualTo(404);
        assertThat(session.get("/orders?organizationId=" + parent.id()).status())
                .isEqualTo(404);
        assertThat(session.get("/users?org=" + stranger.id()).status()).isEqualTo(200);
    }
}
