package io.iotconsole.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.Api;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Customers over the API: lookup, isolation, password, disable / enable, and the mobile app's token. */
@IntegrationTest
class CustomerTests {
    @Autowired
    TestData data;

    static JsonNode create(Api api, String first, String last, String email, String phone) {
        Map<String, Object> body = new HashMap<>(Map.of("firstName", first, "lastName", last, "email", email));
        if (phone != null) {
            body.put("countryCode", "+44");
            body.put("phone", phone);
        }
        return api.post("/api/v1/customers", body).expect(201).json();
    }

    static Api.Response appLogin(TestData data, String account, String email, String password) {
        return data.api()
                .post("/app/api/v1/login", Map.of("email", email, "password", password, "accountNumber", account));
    }

    private static int total(Api api, String q) {
        return api.get("/api/v1/customers?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
                .expect(200)
                .json()
                .get("total")
                .asInt();
    }

    @Test
    void theLookupMatchesASubstringOfEachFieldIgnoringCase() {
        var org = data.organization("Lookup Co");
        var other = data.organization("Other Lookup Co");
        create(org.owner(), "Marguerite", "Oyelaran", "m.oyelaran@example.test", "7700900555");
        create(org.owner(), "Bob", "Quixley", "bob.q@example.test", null);
        create(other.owner(), "Marguerite", "Oyelaran", "m.oyelaran@example.test", "7700900555");

        assertThat(total(org.owner(), "")).isEqualTo(2);
        assertThat(total(org.owner(), "guer")).isEqualTo(1); // first name, inside
        assertThat(total(org.owner(), "OYELAR")).isEqualTo(1); // last name, any case
        assertThat(total(org.owner(), "bob.q@")).isEqualTo(1); // e-mail
        assertThat(total(org.owner(), "0900555")).isEqualTo(1); // phone
        assertThat(total(org.owner(), "example.test")).isEqualTo(2);
        assertThat(total(org.owner(), "qu")).isEqualTo(1); // short: from the start of a field
        assertThat(total(org.owner(), "zzz")).isZero();
        assertThat(total(org.owner(), "%")).isZero(); // no wildcards
        assertThat(total(org.owner(), "rite\noye"))
                .as("never across two fields")
                .isZero();

        String id = org.owner()
                .get("/api/v1/customers?q=bob")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        other.owner().get("/api/v1/customers/" + id).expect(404);
        other.owner()
                .patch("/api/v1/customers/" + id, Map.of("firstName", "X", "lastName", "Y", "email", "x@y.test"))
                .expect(404);
        other.owner().post("/api/v1/customers/" + id + "/disable").expect(404);
    }

    @Test
    void badInputNamesEachFieldAndEmailsAreUniquePerOrganisation() {
        var org = data.organization("Input Co");
        var bad = org.owner()
                .post("/api/v1/customers", Map.of("email", "not-an-email", "phone", "12"))
                .expect(400);
        assertThat(bad.fieldError("firstName")).isEqualTo("Required");
        assertThat(bad.fieldError("lastName")).isEqualTo("Required");
        assertThat(bad.fieldError("email")).contains("valid e-mail");
        assertThat(bad.fieldError("phone")).contains("4 to 15 digits");
        create(org.owner(), "Ann", "One", "Ann@Example.test", null);
        assertThat(org.owner()
                        .post(
                                "/api/v1/customers",
                                Map.of("firstName", "A", "lastName", "B", "email", "ann@example.TEST"))
                        .expect(400)
                        .fieldError("email"))
                .contains("already exists");
    }

    @Test
    void disablingEndsTheTokenWithAClearMessageAndEnablingRevivesNothing() {
        var org = data.organization("Disabling Co");
        String email = TestData.email("cust");
        String id =
                create(org.owner(), "Cara", "Customer", email, null).get("id").asString();
        org.owner()
                .post("/api/v1/customers/" + id + "/password", Map.of("password", "customer-pass-1"))
                .expect(204);
        String token = appLogin(data, org.accountNumber(), email, "customer-pass-1")
                .expect(200)
                .json()
                .get("token")
                .asString();
        Api mobile = data.api().withToken(token);
        assertThat(mobile.get("/app/api/v1/me").expect(200).json().get("email").asString())
                .isEqualTo(email);
        appLogin(data, org.accountNumber(), email, "wrong-password-1").expect(401);
        appLogin(data, "00000000", email, "customer-pass-1").expect(401);

        org.owner().post("/api/v1/customers/" + id + "/disable").expect(200);
        var refused = mobile.get("/app/api/v1/devices").expect(403);
        assertThat(refused.json().get("detail").asString()).contains("This account is disabled");
        var signIn =
                appLogin(data, org.accountNumber(), email, "customer-pass-1").expect(403);
        assertThat(signIn.json().get("detail").asString()).contains("disabled", "Disabling Co");
        assertThat(appLogin(data, org.accountNumber(), email, "wrong-password-1")
                        .status())
                .as("the status is told only to whoever knows the password")
                .isEqualTo(401);

        org.owner().post("/api/v1/customers/" + id + "/enable").expect(200);
        mobile.get("/app/api/v1/me").expect(401);
        appLogin(data, org.accountNumber(), email, "customer-pass-1").expect(200);
        assertThat(org.owner().get("/api/v1/audit-events?size=100").body())
                .contains("CUSTOMER_DISABLED", "CUSTOMER_ENABLED", "CUSTOMER_SIGN_IN");
    }

    @Test
    void repeatedWrongPasswordsLockTheCustomersSignInForAWhile() {
        var org = data.organization("Locking Co");
        String email = TestData.email("lock");
        String id = create(org.owner(), "Lou", "Locked", email, null).get("id").asString();
        org.owner()
                .post("/api/v1/customers/" + id + "/password", Map.of("password", "right-password-1"))
                .expect(204);
        for (int i = 0; i < 10; i++) {
            appLogin(data, org.accountNumber(), email, "wrong-password-" + i).expect(401);
        }
        var locked =
                appLogin(data, org.accountNumber(), email, "right-password-1").expect(429);
        assertThat(locked.json().get("detail").asString()).contains("Too many failed sign-ins");
        // the lock is the customer's of this organisation, not everyone's
        var other = data.organization("Unlocked Co");
        String otherId =
                create(other.owner(), "Lou", "Free", email, null).get("id").asString();
        other.owner()
                .post("/api/v1/customers/" + otherId + "/password", Map.of("password", "right-password-1"))
                .expect(204);
        appLogin(data, other.accountNumber(), email, "right-password-1").expect(200);
    }

    @Test
    void aNewPasswordFromTheConsoleEndsEverySessionAndTheMailedLinkSetsTheFirstOne() {
        var org = data.organization("Password Co");
        String email = TestData.email("pw");
        String id = create(org.owner(), "Pat", "Word", email, null).get("id").asString();
        String link = data.linkToken(email, "app/set-password");
        data.api()
                .post(
                        "/app/api/v1/login",
                        Map.of("email", email, "password", "x", "accountNumber", org.accountNumber()))
                .expect(401);
        assertThat(link).isNotBlank();
        org.owner()
                .post("/api/v1/customers/" + id + "/password", Map.of("password", "first-password-1"))
                .expect(204);
        String one = appLogin(data, org.accountNumber(), email, "first-password-1")
                .json()
                .get("token")
                .asString();
        String two = appLogin(data, org.accountNumber(), email, "first-password-1")
                .json()
                .get("token")
                .asString();
        var mismatch = org.owner()
                .post(
                        "/api/v1/customers/" + id + "/password",
                        Map.of("password", "second-password-2", "confirmation", "second-password-3"))
                .expect(400);
        assertThat(mismatch.fieldError("confirmation")).contains("differ");
        org.owner()
                .post("/api/v1/customers/" + id + "/password", Map.of("password", "short"))
                .expect(400);
        data.api().withToken(one).get("/app/api/v1/me").expect(200);

        org.owner()
                .post("/api/v1/customers/" + id + "/password", Map.of("password", "second-password-2"))
                .expect(204);
        data.api().withToken(one).get("/app/api/v1/me").expect(401);
        data.api().withToken(two).get("/app/api/v1/me").expect(401);
        appLogin(data, org.accountNumber(), email, "second-password-2").expect(200);
    }
}
