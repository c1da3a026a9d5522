package io.iotconsole.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.Api;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.MovableClock;
import io.iotconsole.support.TestData;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Scoped, expiring API credentials over HTTP: scope narrowing, expiry, rotation with a grace, last use, audit. */
@IntegrationTest
class ApiCredentialTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TestData data;

    @Autowired
    MovableClock clock;

    TestData.Org org;

    @BeforeEach
    void organization() {
        org = data.organization("Scoped Credentials");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    record Created(String id, String clientId, String secret) {}

    private Created apiUser(Map<String, Object> extra) {
        String secret = "machine-secret-" + System.nanoTime() + "-x";
        var body = new java.util.HashMap<String, Object>(Map.of(
                "role", "API_USER", "clientIdSuffix", "c" + System.nanoTime() % 1000000, "clientSecret", secret));
        body.putAll(extra);
        JsonNode created = org.owner().post("/api/v1/users", body).expect(201).json();
        return new Created(created.get("id").asString(), created.get("clientId").asString(), secret);
    }

    private HttpResponse<String> token(String login, String secret, String scope) throws Exception {
        String form = "grant_type=client_credentials"
                + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(data.baseUrl() + "/api/v1/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString((URLEncoder.encode(login, StandardCharsets.UTF_8) + ":"
                                                                + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                                                        .getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String accessToken(String login, String secret, String scope) throws Exception {
        var r = token(login, secret, scope);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asString();
    }

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(data.baseUrl() + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json == null ? "" : json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void insufficientScope(HttpResponse<String> r, String scope) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        BearerTokenError error = BearerTokenError.parse(
                r.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertThat(error.getCode()).isEqualTo("insufficient_scope");
        assertThat(error.getScope().toStringList()).contains(scope);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(r.body()).get("status").asInt()).isEqualTo(403);
    }

    private long signIns(String userId, String outcome) {
        return data.jdbc()
                .sql("SELECT count(*) FROM audit_event WHERE action = 'SIGN_IN' AND target_id = :t AND outcome = :o")
                .param("t", userId)
                .param("o", outcome)
                .query(Long.class)
                .single();
    }

    private String lastSignIn(String userId) {
        return data.jdbc()
                .sql("SELECT last_sign_in_at::text FROM app_user WHERE id = :id::uuid")
                .param("id", userId)
                .query(String.class)
                .single();
    }

    private long audited(String action, String targetId) {
        return data.jdbc()
                .sql("SELECT count(*) FROM audit_event WHERE action = :a AND target_id = :t")
                .param("a", action)
                .param("t", targetId)
                .query(Long.class)
                .single();
    }

    @Test
    void aSimReadTokenListsSimsButIsRefusedASimActionWithInsufficientScope() throws Exception {
        String iccid = SimInventoryTestSupport.stock(data, org.id(), 1, 19).get(0);
        var client = apiUser(Map.of());
        String token = accessToken(client.clientId(), client.secret(), "sim:read");

        var list = call("GET", "/api/v1/sims", token, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(iccid);
        insufficientScope(call("POST", "/api/v1/sims/" + iccid + "/reset-connectivity", token, null), "sim:write");
        insufficientScope(call("PATCH", "/api/v1/sims/" + iccid, token, "{\"state\":\"DEACTIVATED\"}"), "sim:write");
        insufficientScope(call("GET", "/api/v1/orders", token, null), "order");
        // the refused action changed nothing; a sim:write token may do it
        String writer = accessToken(client.clientId(), client.secret(), "sim:read sim:write");
        assertThat(call("POST", "/api/v1/sims/" + iccid + "/reset-connectivity", writer, null)
                        .statusCode())
                .isBetween(200, 299);

        // an Owner's token narrowed to sim:read may not read users, though the Owner may
        String owner = accessToken(org.ownerEmail(), TestData.PASSWORD, "sim:read");
        insufficientScope(call("GET", "/api/v1/users", owner, null), "user:read");
        assertThat(call("GET", "/api/v1/me", owner, null).statusCode()).isEqualTo(200);
        String full = accessToken(org.ownerEmail(), TestData.PASSWORD, null);
        assertThat(call("GET", "/api/v1/users", full, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aCredentialNeverGrantsMoreThanItsScopesAndItsRoleHold() throws Exception {
        var client = apiUser(Map.of("scopes", List.of("sim:read")));
        var plain = token(client.clientId(), client.secret(), null);
        assertThat(JSON.readTree(plain.body()).get("scope").asString()).isEqualTo("sim:read");
        var more = token(client.clientId(), client.secret(), "sim:read sim:write");
        assertThat(more.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(more.body()).get("error").asString()).isEqualTo("invalid_scope");

        // a scope the API user's role does not hold is refused when the user is made, naming the field
        Api owner = org.owner();
        var beyond = owner.post(
                "/api/v1/users",
                Map.of(
                        "role",
                        "API_USER",
                        "clientIdSuffix",
                        "beyond",
                        "clientSecret",
                        "machine-secret-9-x",
                        "scopes",
                        List.of("audit:read")));
        assertThat(beyond.expect(400).fieldError("scopes")).contains("audit:read");

        // widening the scopes is audited and ends the tokens issued before
        String before = accessToken(client.clientId(), client.secret(), null);
        var changed = owner.patch(
                        "/api/v1/users/" + client.id() + "/credential", Map.of("scopes", List.of("sim:read", "order")))
                .expect(200)
                .json();
        assertThat(changed.get("scopes").toString()).contains("sim:read", "order");
        assertThat(audited("API_CREDENTIAL_SCOPES_CHANGED", client.id())).isEqualTo(1);
        assertThat(call("GET", "/api/v1/sims", before, null).statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(token(client.clientId(), client.secret(), null).body())
                        .get("scope")
                        .asString())
                .isEqualTo("sim:read order");
        assertThat(owner.patch("/api/v1/users/" + client.id() + "/credential", Map.of("scopes", List.of("user:write")))
                        .expect(400)
                        .fieldError("scopes"))
                .contains("user:write");
    }

    @Test
    void aCredentialPastItsExpiryIsRefusedAtTheTokenEndpoint() throws Exception {
        Instant expiry = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        var client = apiUser(Map.of("expiresAt", expiry.toString()));
        var r = token(client.clientId(), client.secret(), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("expires_in").asLong()).isBetween(1L, 3600L);
        assertThat(org.owner()
                        .get("/api/v1/users/" + client.id())
                        .expect(200)
                        .json()
                        .get("credential")
                        .get("expiresAt")
                        .asString())
                .isEqualTo(expiry.toString());

        clock.advance(Duration.ofDays(2));
        String signedInBefore = lastSignIn(client.id());
        long successesBefore = signIns(client.id(), "SUCCESS");
        var expired = token(client.clientId(), client.secret(), null);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(expired.body()).get("error").asString()).isEqualTo("invalid_client");
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
        // a refused client has not signed in: a failure in the audit log, and its last sign-in stays
        assertThat(signIns(client.id(), "SUCCESS")).isEqualTo(successesBefore);
        assertThat(signIns(client.id(), "FAILURE")).isEqualTo(1);
        assertThat(lastSignIn(client.id())).isEqualTo(signedInBefore);

        // the Owner moves the expiry: audited, and the credential works again
        clock.reset();
        var later = org.owner()
                .patch("/api/v1/users/" + client.id() + "/credential", Map.of("expiresAt", "2099-01-01"))
                .expect(200)
                .json();
        assertThat(later.get("expiresAt").asString()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(audited("API_CREDENTIAL_EXPIRY_CHANGED", client.id())).isEqualTo(1);
        clock.advance(Duration.ofDays(2));
        assertThat(token(client.clientId(), client.secret(), null).statusCode()).isEqualTo(200);

        assertThat(org.owner()
                        .patch("/api/v1/users/" + client.id() + "/credential", Map.of("expiresAt", "2001-01-01"))
                        .expect(400)
                        .fieldError("expiresAt"))
                .contains("future");
        assertThat(org.owner()
                        .patch("/api/v1/users/" + client.id() + "/credential", Map.of("expiresAt", "soon"))
                        .expect(400)
                        .fieldError("expiresAt"))
                .contains("date");
    }

    @Test
    void afterARotationBothSecretsWorkUntilTheGraceEndsThenOnlyTheNewOne() throws Exception {
        var client = apiUser(Map.of());
        String oldToken = accessToken(client.clientId(), client.secret(), null);
        var rotation = org.owner()
                .post("/api/v1/users/" + client.id() + "/credential/rotate", Map.of("graceHours", 2))
                .expect(200)
                .json();
        String fresh = rotation.get("clientSecret").asString();
        assertThat(fresh).isNotEqualTo(client.secret()).hasSizeGreaterThan(30);
        assertThat(audited("API_SECRET_ROTATED", client.id())).isEqualTo(1);
        // the new secret is stored hashed only
        assertThat(data.jdbc()
                        .sql("SELECT password_hash FROM app_user WHERE id = :id::uuid")
                        .param("id", client.id())
                        .query(String.class)
                        .single())
                .doesNotContain(fresh);

        assertThat(token(client.clientId(), client.secret(), null).statusCode()).isEqualTo(200);
        assertThat(token(client.clientId(), fresh, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/me", oldToken, null).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(3));
        var old = token(client.clientId(), client.secret(), null);
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(old.body()).get("error").asString()).isEqualTo("invalid_client");
        assertThat(token(client.clientId(), fresh, null).statusCode()).isEqualTo(200);

        assertThat(org.owner()
                        .post("/api/v1/users/" + client.id() + "/credential/rotate", Map.of("graceHours", 500))
                        .expect(400)
                        .fieldError("graceHours"))
                .contains("0 to 168");
        // with no grace the old secret and its tokens stop at once
        String before = accessToken(client.clientId(), fresh, null);
        String newest = org.owner()
                .post("/api/v1/users/" + client.id() + "/credential/rotate", Map.of("graceHours", 0))
                .expect(200)
                .json()
                .get("clientSecret")
                .asString();
        assertThat(token(client.clientId(), fresh, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/me", before, null).statusCode()).isEqualTo(401);
        assertThat(token(client.clientId(), newest, null).statusCode()).isEqualTo(200);

        // a secret set by hand ends at once every earlier one, even one still in its grace
        String graced = org.owner()
                .post("/api/v1/users/" + client.id() + "/credential/rotate", Map.of("graceHours", 24))
                .expect(200)
                .json()
                .get("clientSecret")
                .asString();
        assertThat(token(client.clientId(), newest, null).statusCode()).isEqualTo(200);
        org.owner()
                .patch("/api/v1/users/" + client.id(), Map.of("clientSecret", "set-by-hand-secret-1"))
                .expect(200);
        assertThat(token(client.clientId(), newest, null).statusCode()).isEqualTo(401);
        assertThat(token(client.clientId(), graced, null).statusCode()).isEqualTo(401);
        assertThat(token(client.clientId(), "set-by-hand-secret-1", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theLastUseOfACredentialIsRecordedWithItsAddress() throws Exception {
        var client = apiUser(Map.of());
        var unused = org.owner()
                .get("/api/v1/users/" + client.id())
                .expect(200)
                .json()
                .get("credential");
        assertThat(unused.path("lastUsedAt").isNull()
                        || unused.path("lastUsedAt").isMissingNode())
                .isTrue();
        Instant before = Instant.now().minusSeconds(1);
        accessToken(client.clientId(), client.secret(), null);
        var used = org.owner()
                .get("/api/v1/users/" + client.id())
                .expect(200)
                .json()
                .get("credential");
        assertThat(Instant.parse(used.get("lastUsedAt").asString())).isAfter(before);
        assertThat(used.get("lastUsedAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(used.get("scopes").size()).isEqualTo(7);

        // another organisation's Owner sees no such user
        var other = data.organization("Other Credentials");
        other.owner().get("/api/v1/users/" + client.id() + "/credential").expect(404);
        other.owner()
                .post("/api/v1/users/" + client.id() + "/credential/rotate", Map.of())
                .expect(404);
    }
}
