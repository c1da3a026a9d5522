package io.iotconsole.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.Api;
import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import io.iotconsole.support.TestData.Org;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The rules of spec section 3 over HTTP against the real database: who administers whom, e-mail uniqueness, isolation. */
@IntegrationTest
class UserRulesTests {
    @Autowired
    TestData data;

    Org acme;
    Api owner;

    @BeforeEach
    void organization() {
        acme = data.organization("Acme");
        owner = acme.owner();
    }

    @Test
    void ownerCreatesEveryRoleIncludingAnotherOwner() {
        String group = owner.post("/api/v1/groups", Map.of("name", "Every role"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        for (String role : new String[] {"OWNER", "ADMIN", "STANDARD", "GROUP_USER", "READ_ONLY", "THIRD_PARTY"}) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of(
                    "firstName",
                    "New",
                    "lastName",
                    role,
                    "email",
                    TestData.email(role.toLowerCase()),
                    "role",
                    role,
                    "countryCode",
                    "+44",
                    "mobileNumber",
                    "7700900123",
                    "description",
                    "created in a test"));
            if (role.equals("GROUP_USER")) {
                body.put("groupIds", java.util.List.of(group)); // a Group user has at least one group
            }
            var r = owner.post("/api/v1/users", body);
            r.expect(201);
            assertThat(r.json().get("status").asString()).isEqualTo("INVITED");
            assertThat(r.json().get("organizationId").asString())
                    .isEqualTo(acme.id().toString());
        }
    }

    /** Admins have no Management API access (api.access), so their rules are exercised through the console's forms. */
    @Test
    void adminMayNotCreateOrEditAdminsOrOwners() {
        String adminEmail = TestData.email("admin");
        data.activeUser(owner, "ADMIN", adminEmail);
        UUID otherAdmin = data.activeUser(owner, "ADMIN", TestData.email("admin2"));
        UUID standard = data.activeUser(owner, "STANDARD", TestData.email("std"));
        UUID theOwner = ownerId();
        var admin = new ConsoleSession(data.baseUrl());
        admin.signIn(adminEmail, TestData.PASSWORD);

        assertThat(createInConsole(admin, "ADMIN").status()).isEqualTo(403);
        assertThat(createInConsole(admin, "OWNER").status()).isEqualTo(403);
        assertThat(admin.get("/users/" + otherAdmin + "/edit").status()).isEqualTo(403);
        assertThat(admin.get("/users/" + theOwner + "/edit").status()).isEqualTo(403);
        assertThat(admin.submit(
                                "/users",
                                "/users/" + otherAdmin,
                                Map.of("firstName", "X", "lastName", "Y", "role", "ADMIN"))
                        .status())
                .isEqualTo(403);
        assertThat(admin.submit("/users", "/users/" + theOwner + "/delete", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(admin.submit("/users", "/users/" + otherAdmin + "/deactivate", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(admin.submit(
                                "/users",
                                "/users/" + standard,
                                Map.of("firstName", "Promoted", "lastName", "Std", "role", "ADMIN"))
                        .status())
                .isEqualTo(403);
        // every role below Admin is theirs
        assertThat(createInConsole(admin, "READ_ONLY").status()).isEqualTo(302);
        assertThat(admin.submit(
                                "/users",
                                "/users/" + standard,
                                Map.of(
                                        "firstName",
                                        "Edited",
                                        "lastName",
                                        "Std",
                                        "role",
                                        "STANDARD",
                                        "description",
                                        "edited by admin"))
                        .status())
                .isEqualTo(302);
        assertThat(owner.get("/api/v1/users/" + standard)
                        .json()
                        .get("firstName")
                        .asString())
                .isEqualTo("Edited");
        assertThat(owner.get("/api/v1/users/" + otherAdmin).json().get("status").asString())
                .isEqualTo("ACTIVE");
        // and the console does not offer what it refuses
        String newForm = admin.get("/users/new").body();
        assertThat(newForm)
                .contains("value=\"STANDARD\"")
                .doesNotContain("value=\"ADMIN\"")
                .doesNotContain("value=\"OWNER\"");
        // every refusal is in the audit log
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM audit_event WHERE organization_id = :o AND outcome = 'DENIED'")
                        .param("o", acme.id())
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(8);
    }

    private ConsoleSession.Page createInConsole(ConsoleSession session, String role) {
        return session.submit(
                "/users/new",
                "/users",
                Map.of("firstName", "New", "lastName", role, "email", TestData.email("c"), "role", role));
    }

    @Test
    void ownerMayNotEditAnotherOwnerButTheOperatorMay() {
        UUID second = data.activeUser(owner, "OWNER", TestData.email("owner2"));
        owner.patch("/api/v1/users/" + second, Map.of("description", "x")).expect(403);
        owner.post("/api/v1/users/" + second + "/deactivate").expect(403);
        owner.delete("/api/v1/users/" + second).expect(403);
        data.operator()
                .patch("/api/v1/users/" + second, Map.of("description", "by operator"))
                .expect(200);
        data.operator().post("/api/v1/users/" + second + "/deactivate").expect(200);
    }

    @Test
    void emailIsUniqueAcrossOrganisationsIgnoringCaseButPlusAliasesAreOtherAddresses() {
        String email = "Mike." + UUID.randomUUID().toString().substring(0, 8) + "@X-Corp.test";
        owner.post("/api/v1/users", newUser("STANDARD", email)).expect(201);

        Org other = data.organization("Other");
        var taken = other.owner().post("/api/v1/users", newUser("STANDARD", email.toLowerCase()));
        taken.expect(400);
        assertThat(taken.fieldError("email")).isEqualTo("This e-mail address is already taken");
        assertThat(taken.body()).doesNotContain("Acme").doesNotContain(acme.id().toString());

        String alias = email.replace("@", "+1@");
        other.owner().post("/api/v1/users", newUser("STANDARD", alias)).expect(201);
        other.owner()
                .post("/api/v1/users", newUser("STANDARD", alias.toUpperCase()))
                .expect(400);
    }

    @Test
    void invalidInputNamesEveryFieldAndWritesNothing() {
        long before = countUsers();
        var r = owner.post(
                "/api/v1/users",
                Map.of(
                        "firstName",
                        "",
                        "lastName",
                        "x".repeat(101),
                        "email",
                        "not-an-address",
                        "role",
                        "KING",
                        "countryCode",
                        "44",
                        "mobileNumber",
                        "12ab"));
        r.expect(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.fieldError("firstName")).isEqualTo("Required");
        assertThat(r.fieldError("lastName")).contains("at most 100");
        assertThat(r.fieldError("email")).contains("valid e-mail");
        assertThat(r.fieldError("role")).contains("Unknown role");
        assertThat(r.fieldError("countryCode")).contains("+44");
        assertThat(r.fieldError("mobileNumber")).contains("digits");
        assertThat(countUsers()).isEqualTo(before);
        owner.raw("POST", "/api/v1/users", "application/json", "{not json").expect(400);
    }

    @Test
    void anotherOrganisationsUsersDoNotExist() {
        UUID victim = data.activeUser(owner, "STANDARD", TestData.email("victim"));
        Org intruder = data.organization("Intruder");
        Api them = intruder.owner();
        them.get("/api/v1/users/" + victim).expect(404);
        them.patch("/api/v1/users/" + victim, Map.of("description", "pwned")).expect(404);
        them.post("/api/v1/users/" + victim + "/deactivate").expect(404);
        them.post("/api/v1/users/" + victim + "/resend-verification").expect(404);
        them.delete("/api/v1/users/" + victim).expect(404);
        them.get("/api/v1/users?organizationId=" + acme.id()).expect(404);
        them.post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "A",
                                "lastName",
                                "B",
                                "email",
                                TestData.email("z"),
                                "role",
                                "STANDARD",
                                "organizationId",
                                acme.id().toString()))
                .expect(404);
        owner.get("/api/v1/users/" + victim).expect(200);
        assertThat(owner.get("/api/v1/users/" + victim)
                        .json()
                        .path("description")
                        .asString(""))
                .isNotEqualTo("pwned");
    }

    @Test
    void usersListSearchesAndPages() {
        String tag = "Zebra" + UUID.randomUUID().toString().substring(0, 5);
        for (int i = 0; i < 3; i++) {
            owner.post(
                            "/api/v1/users",
                            Map.of(
                                    "firstName",
                                    tag,
                                    "lastName",
                                    "N" + i,
                                    "email",
                                    TestData.email("s"),
                                    "role",
                                    "STANDARD"))
                    .expect(201);
        }
        var page = owner.get("/api/v1/users?q=" + tag.toLowerCase() + "&size=2")
                .expect(200)
                .json();
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("items").size()).isEqualTo(2);
    }

    @Test
    void apiUsersGetAClientIdFromTheAccountNumberAndSignInWithTheirSecret() {
        var weak = owner.post(
                "/api/v1/users", Map.of("role", "API_USER", "clientIdSuffix", "billing", "clientSecret", "short"));
        weak.expect(400);
        assertThat(weak.fieldError("clientSecret")).contains("at least 12");

        var created = owner.post(
                "/api/v1/users",
                Map.of(
                        "role",
                        "API_USER",
                        "clientIdSuffix",
                        "billing",
                        "clientSecret",
                        "machine-secret-123",
                        "description",
                        "billing system"));
        created.expect(201);
        String clientId = created.json().get("clientId").asString();
        assertThat(clientId).isEqualTo(acme.accountNumber() + "_billing");
        assertThat(created.json().get("status").asString()).isEqualTo("ACTIVE");
        owner.post(
                        "/api/v1/users",
                        Map.of("role", "API_USER", "clientIdSuffix", "billing", "clientSecret", "machine-secret-456"))
                .expect(400);

        Api machine = data.api().withToken(data.api().token(clientId, "machine-secret-123"));
        var me = machine.get("/api/v1/me").expect(200).json();
        assertThat(me.get("role").asString()).isEqualTo("API_USER");
        assertThat(me.get("organizationId").asString()).isEqualTo(acme.id().toString());
        machine.get("/api/v1/users").expect(403);
        data.api().tokenResponse(clientId, "wrong-secret-000").expect(401);
        String hash = data.jdbc()
                .sql("SELECT password_hash FROM app_user WHERE client_id = :c")
                .param("c", clientId)
                .query(String.class)
                .single();
        assertThat(hash)
                .startsWith("{argon2id-t5-m7168}$argon2id$v=19$m=7168,t=5,p=1$")
                .doesNotContain("machine-secret");
    }

    @Test
    void tokenEndpointRefusesAnythingWrongWith401() {
        data.api().tokenResponse(acme.ownerEmail(), "wrong-password-1").expect(401);
        data.api().tokenResponse("nobody@example.test", "whatever-password").expect(401);
        data.api().get("/api/v1/me").expect(401);
        data.api().withToken("made-up").get("/api/v1/me").expect(401);
        String adminEmail = TestData.email("admin");
        data.activeUser(owner, "ADMIN", adminEmail);
        data.api().tokenResponse(adminEmail, TestData.PASSWORD).expect(401);
    }

    private Map<String, Object> newUser(String role, String email) {
        return Map.of("firstName", "First", "lastName", "Last", "email", email, "role", role);
    }

    private UUID ownerId() {
        return UUID.fromString(owner.get("/api/v1/me").json().get("id").asString());
    }

    private long countUsers() {
        return data.jdbc()
                .sql("SELECT count(*) FROM app_user")
                .query(Long.class)
                .single();
    }
}
