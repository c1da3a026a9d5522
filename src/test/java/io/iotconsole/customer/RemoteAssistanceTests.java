package io.iotconsole.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Remote assistance with the customer's approval, over HTTP: asked with a reason, approved or declined in the app,
 * opened only after approval and only once, for the organisation's length, read-only when the organisation says so,
 * expired when unanswered, and shown to the customer afterwards; every step audited.
 */
@IntegrationTest
class RemoteAssistanceTests {
    private static final Pattern REQUEST = Pattern.compile("data-request-id=\"([^\"]+)\"");

    @Autowired
    TestData data;

    @Autowired
    RemoteAssistance assistance;

    @Test
    void approvedByTheCustomerThenOpenedOnceReadOnlyAndShownToTheCustomerAfterwards() {
        var org = data.organization("Consent Co");
        String email = TestData.email("consenting");
        String id = customer(org, email);
        ConsoleSession owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        var refused = settings(owner, org, "true", "3", "true");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("from 5 to 60");
        assertThat(settings(owner, org, "true", "10", "true").location()).contains("assistanceSaved");
        int mails = data.awaitMailCount(email, 0);

        var asked = owner.submit(
                "/customers/" + id + "/assist", "/customers/" + id + "/assist", Map.of("reason", "Ticket 5150"));
        assertThat(asked.location()).endsWith("/customers/" + id + "/assist/status");
        assertThat(owner.get("/app").location())
                .as("no assistance before approval")
                .contains("/app/login");
        assertThat(owner.get("/customers/" + id + "/assist/status").body()).contains("Waiting for the customer");
        var early = owner.submit("/customers/" + id + "/assist/status", "/customers/" + id + "/assist/open", Map.of());
        assertThat(early.location()).endsWith("/assist/status");
        assertThat(owner.get("/customers/" + id + "/assist/status").body()).contains("There is no approval to use");
        assertThat(data.awaitMailCount(email, mails + 1))
                .as("the customer is told by e-mail")
                .isEqualTo(mails + 1);

        ConsoleSession app = appSession(org, email);
        assertThat(app.get("/app").body()).contains("asks to assist you: Ticket 5150");
        String page = app.get("/app/assistance").body();
        assertThat(page).contains(org.ownerEmail()).contains("Consent Co").contains("Ticket 5150");
        var approved = app.submit(
                "/app/assistance", "/app/assistance/answer", Map.of("request", requestId(page), "decision", "approve"));
        assertThat(approved.location()).endsWith("/app/assistance?answered=approve");

        assertThat(owner.get("/customers/" + id + "/assist/status").body()).contains("The customer approved");
        var opened = owner.submit("/customers/" + id + "/assist/status", "/customers/" + id + "/assist/open", Map.of());
        assertThat(opened.location()).endsWith("/app");
        var home = owner.get("/app");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Ticket 5150").contains("read-only");
        assertThat(data.jdbc()
                        .sql("SELECT extract(epoch FROM expires_at - created_at)::int FROM customer_session"
                                + " WHERE customer_id = :c AND kind = 'ASSIST'")
                        .param("c", UUID.fromString(id))
                        .query(Integer.class)
                        .single())
                .as("the organisation's length")
                .isBetween(599, 601);

        var change = owner.postForm("/app/password", Map.of("current", "x", "password", "y", "confirmation", "y"));
        assertThat(change.status()).isEqualTo(403);
        assertThat(change.body()).contains("read-only");
        var answerAsCustomer = owner.postForm("/app/assistance/answer", Map.of("decision", "approve"));
        assertThat(answerAsCustomer.status()).isEqualTo(403);

        var again = owner.submit("/customers/" + id + "/assist/status", "/customers/" + id + "/assist/open", Map.of());
        assertThat(again.location()).as("an approval opens once").endsWith("/assist/status");
        owner.submit("/app", "/app/assistance/end", Map.of());

        String history = app.get("/app/assistance").body();
        assertThat(history)
                .contains("Remote assistance requested")
                .contains("Remote assistance approved")
                .contains("Remote assistance started")
                .contains("Remote assistance ended")
                .contains("Ticket 5150");
        assertThat(actions(org.id(), id))
                .contains(
                        "REMOTE_ASSISTANCE_REQUESTED",
                        "REMOTE_ASSISTANCE_APPROVED",
                        "REMOTE_ASSISTANCE_STARTED",
                        "REMOTE_ASSISTANCE_ENDED");
    }

    @Test
    void aDeclinedRequestOpensNothingAndAnUnansweredOneExpires() {
        var org = data.organization("Consent Declined");
        String email = TestData.email("declining");
        String id = customer(org, email);
        ConsoleSession owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        settings(owner, org, "true", "30", "false");
        ConsoleSession app = appSession(org, email);

        owner.submit("/customers/" + id + "/assist", "/customers/" + id + "/assist", Map.of("reason", "Ticket 1"));
        String page = app.get("/app/assistance").body();
        app.submit(
                "/app/assistance", "/app/assistance/answer", Map.of("request", requestId(page), "decision", "decline"));
        assertThat(owner.get("/customers/" + id + "/assist/status").body()).contains("The customer declined");
        owner.submit("/customers/" + id + "/assist/status", "/customers/" + id + "/assist/open", Map.of());
        assertThat(owner.get("/app").location()).contains("/app/login");

        owner.submit("/customers/" + id + "/assist", "/customers/" + id + "/assist", Map.of("reason", "Ticket 2"));
        String second = requestId(app.get("/app/assistance").body());
        data.jdbc()
                .sql("UPDATE assistance_request SET requested_at = requested_at - interval '16 minutes'"
                        + " WHERE customer_id = :c")
                .param("c", UUID.fromString(id))
                .update();
        assertThat(assistance.expireStale()).isGreaterThanOrEqualTo(1);
        assertThat(owner.get("/customers/" + id + "/assist/status").body()).contains("The request expired");
        var late = app.submit(
                "/app/assistance", "/app/assistance/answer", Map.of("request", second, "decision", "approve"));
        assertThat(late.location()).endsWith("problem=gone");
        assertThat(data.jdbc()
                        .sql("SELECT actor_label FROM audit_event WHERE action = 'REMOTE_ASSISTANCE_EXPIRED'"
                                + " AND target_id = :c")
                        .param("c", id)
                        .query(String.class)
                        .list())
                .containsExactly("system");
        assertThat(actions(org.id(), id))
                .contains("REMOTE_ASSISTANCE_DECLINED")
                .doesNotContain("REMOTE_ASSISTANCE_STARTED");
    }

    @Test
    void withoutConsentItOpensAtOnceForTheOrganisationsLength() {
        var org = data.organization("Consent Not Needed");
        String email = TestData.email("noconsent");
        String id = customer(org, email);
        ConsoleSession owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        settings(owner, org, "false", "5", "false");
        var opened = owner.submit(
                "/customers/" + id + "/assist", "/customers/" + id + "/assist", Map.of("reason", "Ticket 3"));
        assertThat(opened.location()).endsWith("/app");
        assertThat(owner.get("/app").body()).contains("Ticket 3").doesNotContain("read-only");
        org.owner()
                .post("/api/v1/customers/" + id + "/assistance-requests", Map.of("reason", "API"))
                .expect(409);
        assertThat(data.jdbc()
                        .sql("SELECT extract(epoch FROM expires_at - created_at)::int FROM customer_session"
                                + " WHERE customer_id = :c AND kind = 'ASSIST'")
                        .param("c", UUID.fromString(id))
                        .query(Integer.class)
                        .single())
                .isBetween(299, 301);
    }

    private String customer(TestData.Org org, String email) {
        String id = CustomerTestSupport.create(org.owner(), "Cora", "Consent", email);
        org.owner()
                .post("/api/v1/customers/" + id + "/password", Map.of("password", "customer-pass-1"))
                .expect(204);
        return id;
    }

    private ConsoleSession.Page settings(
            ConsoleSession owner, TestData.Org org, String consent, String minutes, String readOnly) {
        return owner.submit(
                "/app-settings",
                "/app-settings/assistance?organizationId=" + org.id(),
                Map.of("consentRequired", consent, "minutes", minutes, "readOnly", readOnly));
    }

    private ConsoleSession appSession(TestData.Org org, String email) {
        var app = new ConsoleSession(data.baseUrl());
        String login = "/app/" + org.accountNumber() + "/login";
        var signedIn = app.submit(login, login, Map.of("email", email, "password", "customer-pass-1"));
        assertThat(signedIn.location()).endsWith("/app");
        return app;
    }

    private static String requestId(String page) {
        Matcher m = REQUEST.matcher(page);
        assertThat(m.find()).as("a request waiting on the page").isTrue();
        return m.group(1);
    }

    private java.util.List<String> actions(UUID org, String customer) {
        return data.jdbc()
                .sql("SELECT action FROM audit_event WHERE organization_id = :org AND target_id = :c ORDER BY id")
                .param("org", org)
                .param("c", customer)
                .query(String.class)
                .list();
    }
}
