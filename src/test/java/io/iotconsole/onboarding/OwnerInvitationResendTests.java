package io.iotconsole.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A PENDING sub-organisation's Owner gets a new invitation; the old link stops working. */
@IntegrationTest
class OwnerInvitationResendTests {
    @Autowired
    TestData data;

    @Test
    void theParentResendsAPendingSubOrganisationsInvitationFromTheList() {
        var parent = data.organization("Resend Parent");
        String subOwner = TestData.email("pending");
        String subId = parent.owner()
                .post(
                        "/api/v1/organizations",
                        Map.of(
                                "name",
                                "Resend Sub",
                                "owner",
                                Map.of("firstName", "Pat", "lastName", "Pending", "email", subOwner)))
                .expect(201)
                .json()
                .get("id")
                .asString();
        String oldToken = data.linkToken(subOwner, "activate");

        var owner = data.console(parent.ownerEmail(), TestData.PASSWORD);
        assertThat(owner.get("/organizations").body()).contains("/organizations/" + subId + "/resend");
        String confirm = owner.get("/organizations/" + subId + "/resend").body();
        assertThat(confirm).contains("Resend the Owner", "Pat Pending", subOwner, "Resend invitation");
        var done = owner.submit("/organizations/" + subId + "/resend", "/organizations/" + subId + "/resend", Map.of());
        assertThat(done.status()).isEqualTo(302);
        assertThat(owner.get("/organizations").body()).contains("A new invitation was sent to " + subOwner);

        String newToken = data.linkTokenAfter(subOwner, "activate", 1);
        assertThat(newToken).isNotEqualTo(oldToken);
        var old = data.api().post("/api/v1/activation", Map.of("token", oldToken, "password", TestData.PASSWORD));
        assertThat(old.status()).isBetween(400, 499);
        assertThat(data.jdbc()
                        .sql(
                                "SELECT count(*) FROM audit_event WHERE organization_id = :o AND action = 'OWNER_INVITATION_RESENT'")
                        .param("o", parent.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // the operator reads both invitations in the Mailbox
        var operator = data.console(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        assertThat(operator.get("/mailbox?q=" + subOwner).body()).contains("2 mails match");

        // another organisation does not see it; once active there is nothing to resend
        var stranger = data.organization("Resend Stranger");
        stranger.owner()
                .post("/api/v1/organizations/" + subId + "/resend-invitation")
                .expect(404);
        data.api()
                .post("/api/v1/activation", Map.of("token", newToken, "password", TestData.PASSWORD))
                .expect(200);
        var refused = parent.owner().post("/api/v1/organizations/" + subId + "/resend-invitation");
        refused.expect(409);
        assertThat(refused.body()).contains("already ACTIVE");
    }

    @Test
    void theOperatorResendsAPendingTopLevelOwnersInvitationThroughTheApi() {
        String email = TestData.email("toplevel");
        String id = data.operator()
                .post(
                        "/api/v1/organizations",
                        Map.of(
                                "name",
                                "Pending Top",
                                "owner",
                                Map.of("firstName", "Tia", "lastName", "Top", "email", email)))
                .expect(201)
                .json()
                .get("id")
                .asString();
        data.linkToken(email, "activate");
        var resent = data.operator().post("/api/v1/organizations/" + id + "/resend-invitation");
        resent.expect(202);
        assertThat(resent.json().get("email").asString()).isEqualTo(email);
        data.api()
                .post(
                        "/api/v1/activation",
                        Map.of("token", data.linkTokenAfter(email, "activate", 1), "password", TestData.PASSWORD))
                .expect(200);
        assertThat(data.login(email).get("/api/v1/me").status()).isEqualTo(200);
    }
}
