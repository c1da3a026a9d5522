package io.iotconsole.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What one SIM list call costs besides its answer: it opens no console session (no cookie, no session row), and its
 * token is still checked against the database on the very call after a revocation.
 */
@IntegrationTest
class SimListRequestPathTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    TestData data;

    private HttpResponse<String> list(String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(data.baseUrl() + "/api/v1/sims?size=50"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long sessionRows() {
        return data.jdbc()
                .sql("SELECT count(*) FROM spring_session")
                .query(Long.class)
                .single();
    }

    @Test
    void aListCallOpensNoSessionAndSetsNoCookie() throws Exception {
        var org = data.organization("Path Sessions");
        String token = data.api().token(org.ownerEmail(), TestData.PASSWORD);
        long before = sessionRows();
        for (int i = 0; i < 5; i++) {
            var answer = list(token);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
        }
        assertThat(sessionRows()).isEqualTo(before);
    }

    @Test
    void aRevokedTokenFailsOnTheVeryNextListCall() throws Exception {
        var org = data.organization("Path Revocation");
        String token = data.api().token(org.ownerEmail(), TestData.PASSWORD);
        for (int i = 0; i < 3; i++) {
            assertThat(list(token).statusCode()).isEqualTo(200);
        }
        var basic = java.util.Base64.getEncoder()
                .encodeToString(
                        (org.ownerEmail() + ":" + TestData.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var revoked = HTTP.send(
                HttpRequest.newBuilder(URI.create(data.baseUrl() + "/api/v1/oauth/revoke"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + token))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(200);
        var refused = list(token);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
    }
}
