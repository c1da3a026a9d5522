package io.iotconsole.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Top-level organisations: created by the operator (API and console) or by sign-up; PENDING until the Owner activates. */
@IntegrationTest
class OnboardingTests {
    @Autowired
    TestData data;

    @Test
    void operatorCreatesAnOrganisationThatBecomesActiveWhenItsOwnerSetsAPassword() {
        String ownerEmail = TestData.email("boss");
        var created = data.operator()
                .post(
                        "/api/v1/organizations",
                        Map.of(
                                "name",
                                "Globex",
                                "legalName",
                                "Globex Ltd",
                                "address",
                                "1 Main St",
                                "owner",
                                Map.of("firstName", "Hank", "lastName", "Scorpio", "email", ownerEmail)));
        created.expect(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("accountNumber").asString()).matches("[1-9][0-9]{7}");
        assertThat(created.json().get("status").asString()).isEqualTo("PENDING");
        data.activate(ownerEmail, TestData.PASSWORD);
        var owner = data.login(ownerEmail);
        var org = owner.get("/api/v1/organizations/" + id).expect(200).json();
        assertThat(org.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(org.get("owner").get("email").asString()).isEqualTo(ownerEmail);
        assertThat(owner.get("/api/v1/me").json().get("role").asString()).isEqualTo("OWNER");
    }

    @Test
    void ownersCreateSubOrganisationsNotTopLevelOnesAndOthersSeeOnlyTheirOwn() {
        var a = data.organization("Only A");
        var b = data.organization("Only B");
        var sub = a.owner()
                .post(
                        "/api/v1/organizations",
                        Map.of(
                                "name",
                                "A Retail",
                                "owner",
                                Map.of("firstName", "S", "lastName", "N", "email", TestData.email("sub"))));
        sub.expect(201);
        var created = a.owner()
                .get("/api/v1/organizations/" + sub.json().get("id").asString())
                .expect(200)
                .json();
        assertThat(created.get("parentId").asString()).isEqualTo(a.id().toString());
        var list = a.owner().get("/api/v1/organizations").expect(200).json();
        assertThat(list.get("items").toString())
                .contains(a.accountNumber())
                .contains("A Retail")
                .doesNotContain(b.accountNumber());
        a.owner().get("/api/v1/organizations/" + b.id()).expect(404);
        assertThat(data.operator()
                        .get("/api/v1/organizations")
                        .json()
                        .get("items")
                        .toString())
                .contains(a.accountNumber())
                .contains(b.accountNumber());
    }

    @Test
    void badInputNamesEveryFieldAndCreatesNothing() {
        long before = data.jdbc()
                .sql("SELECT count(*) FROM organization")
                .query(Long.class)
                .single();
        var r = data.operator()
                .post(
                        "/api/v1/organizations",
                        Map.of(
                                "name",
                                " ",
                                "address",
                                "x".repeat(501),
                                "owner",
                                Map.of("firstName", "A", "email", "nope")));
        r.expect(400);
        assertThat(r.fieldError("name")).isNotBlank();
        assertThat(r.fieldError("address")).contains("500");
        assertThat(r.fieldError("owner.lastName")).isEqualTo("Required");
        assertThat(r.fieldError("owner.email")).contains("valid e-mail");
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM organization")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void operatorUsesTheConsoleFormAndItKeepsWhatWasTyped() {
        var operator = new ConsoleSession(data.baseUrl());
        operator.signIn(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        var bad = operator.submit(
                "/organizations/new",
                "/organizations",
                Map.of("name", "Initech <i>", "ownerFirstName", "Bill", "ownerLastName", "", "ownerEmail", "bill@"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body())
                .contains("value=\"Initech &lt;i&gt;\"")
                .contains("value=\"Bill\"")
                .contains("Required");
        String email = TestData.email("bill");
        var ok = operator.submit(
                "/organizations/new",
                "/organizations",
                Map.of("name", "Initech", "ownerFirstName", "Bill", "ownerLastName", "Lumbergh", "ownerEmail", email));
        assertThat(ok.location()).endsWith("/organizations");
        assertThat(operator.get("/organizations").body()).contains("Initech").contains(email);
        data.activate(email, TestData.PASSWORD);
    }

    @Test
    void signUpCreatesAnOrganisationWhoseOwnerVerifiesTheirAddressAndNeverRevealsATakenOne() {
        String email = TestData.email("signup");
        var visitor = new ConsoleSession(data.baseUrl());
        var done = visitor.submit(
                "/signup",
                "/signup",
                Map.of("name", "Self Serve", "firstName", "Sally", "lastName", "Signup", "email", email));
        assertThat(done.body()).contains("Check your inbox");
        data.activate(email, TestData.PASSWORD);
        var owner = data.login(email);
        assertThat(owner.get("/api/v1/organizations")
                        .json()
                        .get("items")
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("ACTIVE");

        long orgs = data.jdbc()
                .sql("SELECT count(*) FROM organization")
                .query(Long.class)
                .single();
        int mails = data.mailCount(email);
        var again = new ConsoleSession(data.baseUrl())
                .submit(
                        "/signup",
                        "/signup",
                        Map.of("name", "Copycat", "firstName", "C", "lastName", "Cat", "email", email.toUpperCase()));
        assertThat(again.body()).contains("Check your inbox").doesNotContain("taken");
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM organization")
                        .query(Long.class)
                        .single())
                .isEqualTo(orgs);
        assertThat(data.awaitMailCount(email, mails + 1)).isEqualTo(mails + 1);
    }
}
