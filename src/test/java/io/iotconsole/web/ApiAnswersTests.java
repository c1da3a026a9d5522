package io.iotconsole.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Management API's answers: a customer is patched field by field, organisations are listed by page with a true
 * total, a Group user's groups are in the user answer, and routing failures are problem documents.
 */
@IntegrationTest
class ApiAnswersTests {
    @Autowired
    TestData data;

    @Test
    void aCustomerIsPatchedOnlyInTheFieldsGiven() {
        var owner = data.organization("Patchers").owner();
        String email = TestData.email("patched");
        String id = owner.post(
                        "/api/v1/customers",
                        Map.of(
                                "firstName",
                                "Pat",
                                "lastName",
                                "Before",
                                "email",
                                email,
                                "countryCode",
                                "+44",
                                "phone",
                                "7700900123"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        var changed = owner.patch("/api/v1/customers/" + id, Map.of("lastName", "After"))
                .expect(200)
                .json();
        assertThat(changed.get("lastName").asString()).isEqualTo("After");
        assertThat(changed.get("firstName").asString()).isEqualTo("Pat");
        assertThat(changed.get("email").asString()).isEqualTo(email);
        assertThat(changed.get("phone").asString()).isEqualTo("7700900123");

        var invalid = owner.patch("/api/v1/customers/" + id, Map.of("email", "not an address"));
        invalid.expect(400);
        assertThat(invalid.fieldError("email")).isNotBlank();
        assertThat(invalid.body()).doesNotContain("firstName").doesNotContain("lastName");
        assertThat(owner.get("/api/v1/customers/" + id)
                        .expect(200)
                        .json()
                        .get("customer")
                        .get("lastName")
                        .asString())
                .isEqualTo("After");
    }

    @Test
    void organisationsAreListedByPageWithTheTrueTotal() {
        var parent = data.organization("Paged Parent");
        data.subOrganization(parent, "Paged Sub A");
        data.subOrganization(parent, "Paged Sub B");
        var first = parent.owner()
                .get("/api/v1/organizations?page=0&size=2&sort=name")
                .expect(200)
                .json();
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.get("items").get(0).get("name").asString()).isEqualTo("Paged Parent");
        var last = parent.owner()
                .get("/api/v1/organizations?page=1&size=2&sort=name")
                .expect(200)
                .json();
        assertThat(last.get("items").size()).isEqualTo(1);
        assertThat(last.get("items").get(0).get("name").asString()).isEqualTo("Paged Sub B");
        parent.owner().get("/api/v1/organizations?size=0").expect(400);
    }

    @Test
    void theUserAnswerCarriesAGroupUsersGroups() {
        var owner = data.organization("Grouped").owner();
        String group = owner.post("/api/v1/groups", Map.of("name", "North"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        String other = owner.post("/api/v1/groups", Map.of("name", "South"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        var created = owner.post(
                        "/api/v1/users",
                        Map.of(
                                "firstName", "Gus",
                                "lastName", "Group",
                                "email", TestData.email("gus"),
                                "role", "GROUP_USER",
                                "groupIds", java.util.List.of(group)))
                .expect(201)
                .json();
        assertThat(created.get("groupIds").toString()).isEqualTo("[\"" + group + "\"]");
        String id = created.get("id").asString();
        owner.patch("/api/v1/users/" + id, Map.of("groupIds", java.util.List.of(other)))
                .expect(200);
        assertThat(owner.get("/api/v1/users/" + id)
                        .expect(200)
                        .json()
                        .get("groupIds")
                        .toString())
                .isEqualTo("[\"" + other + "\"]");
        var admin = owner.post(
                        "/api/v1/users",
                        Map.of(
                                "firstName", "Ada",
                                "lastName", "Admin",
                                "email", TestData.email("ada"),
                                "role", "ADMIN"))
                .expect(201)
                .json();
        assertThat(admin.get("groupIds").size()).isZero();
    }

    @Test
    void routingFailuresAreProblemDocuments() throws Exception {
        var owner = data.organization("Lost").owner();
        var unknown = owner.get("/api/v1/no-such-thing");
        unknown.expect(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("status").asInt()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).contains("/api/v1/no-such-thing");

        var method = owner.raw("PUT", "/api/v1/me", "application/json", "{}");
        method.expect(405);
        assertThat(method.contentType()).startsWith("application/problem+json");

        var media = owner.raw("POST", "/api/v1/groups", "application/xml", "<group/>");
        media.expect(415);
        assertThat(media.contentType()).startsWith("application/problem+json");
        assertThat(media.json().get("title").asString()).isNotBlank();

        String token = data.api().token(data.organization("Picky").ownerEmail(), TestData.PASSWORD);
        var accept = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        data.baseUrl() + "/api/v1/orders/" + java.util.UUID.randomUUID() + "/invoice"))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "image/png")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(accept.statusCode()).as(accept.body()).isEqualTo(406);
        assertThat(accept.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(accept.body()).contains("\"status\":406");

        // the console keeps its own error page
        assertThat(String.valueOf(data.api().get("/no-such-page").contentType()))
                .doesNotStartWith("application/problem+json");
    }

    @Test
    void theApiSpeaksJsonOnlyNotTheOtherFormatsLibrariesBring() throws Exception {
        var owner = data.organization("Yaml").owner();
        for (String type : new String[] {"application/yaml", "application/cbor", "application/x-jackson-smile"}) {
            var body = owner.raw("POST", "/api/v1/groups", type, "name: Sneaky\nunknown: ignored\n");
            assertThat(body.status()).as(type + ": " + body.body()).isEqualTo(415);
        }
        String token = data.api().token(data.organization("YamlReader").ownerEmail(), TestData.PASSWORD);
        for (String type : new String[] {"application/yaml", "application/cbor"}) {
            var answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(data.baseUrl() + "/api/v1/me"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Accept", type)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(type + ": " + answer.body()).isEqualTo(406);
        }
    }
}
