package io.iotconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Who sees which audit entries, what an entry holds, and that nobody can change the log. */
@IntegrationTest
class AuditLogTests {
    @Autowired
    TestData data;

    @Test
    void ownersSeeTheirOwnOrganisationsLogOnlyAndTheOperatorSeesAll() {
        var a = data.organization("Audit A");
        var b = data.organization("Audit B");
        var aLog = a.owner().get("/api/v1/audit-events?size=200").expect(200).json();
        assertThat(aLog.get("total").asInt()).isGreaterThan(0);
        for (var e : aLog.get("items")) {
            assertThat(e.get("organizationId").asString()).isEqualTo(a.id().toString());
        }
        assertThat(a.owner()
                        .get("/api/v1/audit-events?organizationId=" + b.id())
                        .json()
                        .toString())
                .doesNotContain(b.id().toString());
        var all = data.operator()
                .get("/api/v1/audit-events?organizationId=" + b.id())
                .json();
        assertThat(all.get("items").toString()).contains(b.ownerEmail());
    }

    @Test
    void aSignInIsOnePasswordProvenNotEveryCallWithItsTokenAndBadTokensAreNotLogged() {
        var org = data.organization("Audit Calls");
        for (int i = 0; i < 5; i++) {
            org.owner().get("/api/v1/me").expect(200);
        }
        String badToken = "not-a-real-token-" + System.nanoTime();
        data.api().withToken(badToken).get("/api/v1/me").expect(401);
        var signIns = org.owner()
                .get("/api/v1/audit-events?action=SIGN_IN&size=200")
                .expect(200)
                .json();
        assertThat(signIns.get("total").asInt()).as("the token's one sign-in").isEqualTo(1);
        assertThat(data.operator().get("/api/v1/audit-events?size=200").body()).doesNotContain(badToken);
    }

    @Test
    void anEntryNamesWhoWhatWhichTargetWhenWhereAndOutcome() {
        var org = data.organization("Audit C");
        String email = TestData.email("aud");
        org.owner()
                .post(
                        "/api/v1/users",
                        Map.of("firstName", "Au", "lastName", "Dit", "email", email, "role", "READ_ONLY"))
                .expect(201);
        var entry = org.owner()
                .get("/api/v1/audit-events?action=USER_CREATED&actor=" + org.ownerEmail())
                .json()
                .get("items")
                .get(0);
        assertThat(entry.get("actorLabel").asString()).contains(org.ownerEmail());
        assertThat(entry.get("targetLabel").asString()).contains(email);
        assertThat(entry.get("sourceAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(entry.get("outcome").asString()).isEqualTo("SUCCESS");
        assertThat(entry.get("occurredAt").asString()).isNotBlank();
        org.owner().get("/api/v1/audit-events?outcome=MAYBE").expect(400);
        org.owner().get("/api/v1/audit-events?from=yesterday").expect(400);
    }

    @Test
    void rolesWithoutAuditViewAreRefusedAndTheConsoleDoesNotOfferIt() {
        var org = data.organization("Audit D");
        String email = TestData.email("std");
        data.activeUser(org.owner(), "STANDARD", email);
        var session = new ConsoleSession(data.baseUrl());
        session.signIn(email, TestData.PASSWORD);
        assertThat(session.get("/audit").status()).isEqualTo(403);
        assertThat(session.get("/").body()).doesNotContain("href=\"/audit\"");
        var owner = new ConsoleSession(data.baseUrl());
        owner.signIn(org.ownerEmail(), TestData.PASSWORD);
        assertThat(owner.get("/audit").body()).contains("USER_CREATED");
        var csv = owner.get("/audit/export.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("time,organization_id,actor");
    }

    @Test
    void exportedCellsCannotRunAsFormulas() {
        var org = data.organization("Audit E");
        org.owner()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "=HYPERLINK(\"http://evil\")",
                                "lastName",
                                "@SUM(A1)",
                                "email",
                                TestData.email("csv"),
                                "role",
                                "READ_ONLY"))
                .expect(201);
        var owner = new ConsoleSession(data.baseUrl());
        owner.signIn(org.ownerEmail(), TestData.PASSWORD);
        String csv = owner.get("/audit/export.csv?action=USER_CREATED").body();
        assertThat(csv).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }

    @Test
    void theLogIsAppendOnlyEvenForTheDatabaseUserOfTheConsole() {
        data.organization("Audit F");
        assertThatThrownBy(() ->
                        data.jdbc().sql("UPDATE audit_event SET action = 'X'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> data.jdbc().sql("DELETE FROM audit_event").update())
                .hasMessageContaining("append-only");
    }
}
