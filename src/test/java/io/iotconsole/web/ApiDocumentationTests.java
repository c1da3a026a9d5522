package io.iotconsole.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The OpenAPI document, its browsable UI, health, the Roles page and the security headers. */
@IntegrationTest
class ApiDocumentationTests {
    @Autowired
    TestData data;

    @Test
    void theOpenApiDocumentDescribesTheManagementApi() {
        var doc = data.api().get("/v3/api-docs").expect(200).json();
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        var paths = doc.get("paths");
        for (String p : new String[] {
            "/api/v1/oauth/token",
            "/api/v1/me",
            "/api/v1/users",
            "/api/v1/users/{id}",
            "/api/v1/users/{id}/deactivate",
            "/api/v1/users/{id}/resend-verification",
            "/api/v1/activation",
            "/api/v1/password-reset",
            "/api/v1/password-reset/confirm",
            "/api/v1/organizations",
            "/api/v1/organizations/{id}",
            "/api/v1/audit-events",
            "/api/v1/audit-events/export",
            "/api/v1/sims",
            "/api/v1/sims/{iccid}",
            "/api/v1/sims/export",
            "/api/v1/groups",
            "/api/v1/sim-transfers",
            "/api/v1/orders",
            "/api/v1/orders/{id}/fulfil",
            "/api/v1/orders/{id}/invoice",
            "/api/v1/customers",
            "/api/v1/customers/{id}",
            "/api/v1/customers/{id}/devices/import",
            "/api/v1/customers/devices-template.csv",
            "/app/api/v1/login",
            "/app/api/v1/password-reset",
            "/app/api/v1/devices"
        }) {
            assertThat(paths.has(p)).as(p).isTrue();
        }
        assertThat(paths.get("/api/v1/customers").get("get").get("parameters").toString())
                .contains("\"q\"")
                .doesNotContain("HttpServletRequest");
        assertThat(paths.get("/api/v1/sims").get("get").get("parameters").toString())
                .contains("\"iccid\"", "\"state\"", "\"size\"");
        var ui = new ConsoleSession(data.baseUrl());
        assertThat(ui.get("/api-docs-ui").location()).contains("/swagger-ui/index.html");
        assertThat(ui.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void healthIsUp() {
        assertThat(data.api().get("/actuator/health").expect(200).body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void theRolesPageIsDrawnFromThePolicy() {
        var session = new ConsoleSession(data.baseUrl());
        session.signIn(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        String page = session.get("/roles").body();
        assertThat(page)
                .contains("data-permission=\"sim.view\"")
                .contains("data-permission=\"api.access\"")
                .contains("data-grant=\"G\"")
                .contains("Group user");
    }

    @Test
    void pagesCarrySecurityHeadersAndFormsCarryCsrfTokens() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(data.baseUrl() + "/login"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'");
        assertThat(response.headers().firstValue("X-Frame-Options").orElse("")).isEqualTo("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options").orElse(""))
                .isEqualTo("nosniff");
        assertThat(response.body()).contains("name=\"_csrf\"");
        var session = new ConsoleSession(data.baseUrl());
        var withoutToken = session.postForm(
                "/login", java.util.Map.of("email", TestData.OPERATOR_EMAIL, "password", TestData.OPERATOR_PASSWORD));
        assertThat(withoutToken.location()).doesNotEndWith("/");
        assertThat(session.get("/").location()).contains("/login");
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreRead() {
        var owner = data.organization("Big Body").owner();
        String huge = "{\"firstName\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        var r = owner.raw("POST", "/api/v1/users", "application/json", huge);
        r.expect(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        owner.raw("POST", "/api/v1/users", "application/json", "\u0000\u0001binary junk")
                .expect(400);
    }
}
