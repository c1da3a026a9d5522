package io.iotconsole.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Management API's authorization server as a standard OAuth2 client library (Nimbus) sees it: client
 * credentials with HTTP Basic and with the form, RFC 6749 error answers, RFC 7009 revocation, RFC 8414 metadata, and
 * the RFC 6750 challenges of the resource side.
 */
@IntegrationTest
class OAuthProtocolTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    TestData data;

    TestData.Org org;
    String clientId;
    String secret;

    @BeforeEach
    void apiUser() {
        org = data.organization("OAuth Clients");
        secret = "machine-secret-" + System.nanoTime() + "-x";
        clientId = org.owner()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "role",
                                "API_USER",
                                "clientIdSuffix",
                                "oauth" + System.nanoTime() % 100000,
                                "clientSecret",
                                secret))
                .expect(201)
                .json()
                .get("clientId")
                .asString();
    }

    private URI uri(String path) {
        return URI.create(data.baseUrl() + path);
    }

    private TokenResponse token(ClientAuthentication auth, Scope scope) throws Exception {
        var request = new TokenRequest(uri("/api/v1/oauth/token"), auth, new ClientCredentialsGrant(), scope);
        return TokenResponse.parse(request.toHTTPRequest().send());
    }

    private ClientSecretBasic basic() {
        return new ClientSecretBasic(new ClientID(clientId), new Secret(secret));
    }

    private ClientSecretPost post() {
        return new ClientSecretPost(new ClientID(clientId), new Secret(secret));
    }

    @Test
    void aClientGetsATokenWithHttpBasicAndWithTheFormAndTheAnswersAreNeverCached() throws Exception {
        for (ClientAuthentication auth : new ClientAuthentication[] {basic(), post()}) {
            var request = new TokenRequest(uri("/api/v1/oauth/token"), auth, new ClientCredentialsGrant(), null);
            HTTPResponse http = request.toHTTPRequest().send();
            assertThat(http.getHeaderValue("Cache-Control"))
                    .as(auth.getMethod().getValue())
                    .contains("no-store");
            assertThat(http.getHeaderValue("Pragma")).isEqualTo("no-cache");
            AccessTokenResponse ok = TokenResponse.parse(http).toSuccessResponse();
            BearerAccessToken token = (BearerAccessToken) ok.getTokens().getAccessToken();
            assertThat(token.getLifetime()).isBetween(1L, 3600L);
            // no scope asked: every scope of the API user
            assertThat(token.getScope().toStringList())
                    .containsExactly(
                            "sim:read",
                            "sim:write",
                            "customer:read",
                            "customer:write",
                            "transfer",
                            "order",
                            "organization:read");
            assertThat(me(token.getValue()).statusCode()).isEqualTo(200);
        }
        // an Owner by e-mail and password through Basic: the e-mail is form-encoded by the library
        var owner = token(
                        new ClientSecretBasic(new ClientID(org.ownerEmail()), new Secret(TestData.PASSWORD)),
                        new Scope("audit:read"))
                .toSuccessResponse();
        assertThat(owner.getTokens().getAccessToken().getScope().toStringList()).containsExactly("audit:read");
    }

    @Test
    void errorsAreRfc6749JsonWithTheRightCodesAndNoCaching() throws Exception {
        TokenErrorResponse wrong = token(
                        new ClientSecretBasic(new ClientID(clientId), new Secret("not-the-secret-1")), null)
                .toErrorResponse();
        assertThat(wrong.getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_CLIENT.getCode());
        assertThat(wrong.getErrorObject().getHTTPStatusCode()).isEqualTo(401);
        assertThat(wrong.getErrorObject().getDescription()).isNotBlank();

        var raw = form("grant_type=client_credentials", "Basic " + b64(clientId + ":not-the-secret-1"));
        assertThat(raw.statusCode()).isEqualTo(401);
        assertThat(raw.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
        assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(raw.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(raw.headers().firstValue("Pragma").orElse("")).isEqualTo("no-cache");
        assertThat(raw.body()).contains("\"error\":\"invalid_client\"").contains("\"error_description\"");

        TokenErrorResponse scope = token(basic(), new Scope("audit:read")).toErrorResponse();
        assertThat(scope.getErrorObject().getCode()).isEqualTo("invalid_scope");
        assertThat(scope.getErrorObject().getHTTPStatusCode()).isEqualTo(400);
        assertThat(token(basic(), new Scope("no-such-scope"))
                        .toErrorResponse()
                        .getErrorObject()
                        .getCode())
                .isEqualTo("invalid_scope");

        var grant = TokenResponse.parse(new TokenRequest(
                                uri("/api/v1/oauth/token"),
                                basic(),
                                new com.nimbusds.oauth2.sdk.RefreshTokenGrant(
                                        new com.nimbusds.oauth2.sdk.token.RefreshToken("x")))
                        .toHTTPRequest()
                        .send())
                .toErrorResponse();
        assertThat(grant.getErrorObject().getCode()).isEqualTo("unsupported_grant_type");
        assertThat(grant.getErrorObject().getHTTPStatusCode()).isEqualTo(400);

        // both ways of client authentication at once, and a parameter twice, are malformed requests
        var both = form(
                "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret,
                "Basic " + b64(clientId + ":" + secret));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("\"error\":\"invalid_request\"");
        assertThat(both.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        var twice = form(
                "grant_type=client_credentials&grant_type=client_credentials", "Basic " + b64(clientId + ":" + secret));
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("invalid_request");
        var none = form("grant_type=client_credentials", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("invalid_client");
    }

    @Test
    void aRevokedTokenStopsAtOnceAndRevocationAnswers200EvenForAnUnknownToken() throws Exception {
        String token = token(basic(), null)
                .toSuccessResponse()
                .getTokens()
                .getAccessToken()
                .getValue();
        assertThat(me(token).statusCode()).isEqualTo(200);

        // another client cannot revoke it
        var owner = new ClientSecretBasic(new ClientID(org.ownerEmail()), new Secret(TestData.PASSWORD));
        HTTPResponse foreign = new TokenRevocationRequest(
                        uri("/api/v1/oauth/revoke"), owner, new BearerAccessToken(token))
                .toHTTPRequest()
                .send();
        assertThat(foreign.getStatusCode()).isEqualTo(200);
        assertThat(me(token).statusCode()).isEqualTo(200);

        HTTPResponse revoked = new TokenRevocationRequest(
                        uri("/api/v1/oauth/revoke"), post(), new BearerAccessToken(token))
                .toHTTPRequest()
                .send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        var after = me(token);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(BearerTokenError.parse(
                                after.headers().firstValue("WWW-Authenticate").orElseThrow())
                        .getCode())
                .isEqualTo("invalid_token");
        assertThat(data.jdbc()
                        .sql("SELECT count(*) FROM audit_event WHERE action = 'API_TOKEN_REVOKED' AND target_id = :id")
                        .param("id", userId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);

        HTTPResponse unknown = new TokenRevocationRequest(
                        uri("/api/v1/oauth/revoke"), basic(), new BearerAccessToken("no-such-token"))
                .toHTTPRequest()
                .send();
        assertThat(unknown.getStatusCode()).isEqualTo(200);
        HTTPResponse unauthenticated = new TokenRevocationRequest(
                        uri("/api/v1/oauth/revoke"),
                        new ClientSecretBasic(new ClientID(clientId), new Secret("not-the-secret-1")),
                        new BearerAccessToken("no-such-token"))
                .toHTTPRequest()
                .send();
        assertThat(unauthenticated.getStatusCode()).isEqualTo(401);
        assertThat(unauthenticated.getContentAsJSONObject().get("error")).isEqualTo("invalid_client");
    }

    @Test
    void theMetadataDescribesTheEndpointsMethodsGrantsAndScopes() throws Exception {
        HTTPResponse http =
                new HTTPRequest(HTTPRequest.Method.GET, uri("/.well-known/oauth-authorization-server")).send();
        assertThat(http.getStatusCode()).isEqualTo(200);
        var metadata = AuthorizationServerMetadata.parse(http.getContentAsJSONObject());
        String issuer = metadata.getIssuer().getValue();
        assertThat(metadata.getTokenEndpointURI()).hasToString(issuer + "/api/v1/oauth/token");
        assertThat(metadata.getRevocationEndpointURI()).hasToString(issuer + "/api/v1/oauth/revoke");
        assertThat(metadata.getGrantTypes()).containsExactly(GrantType.CLIENT_CREDENTIALS);
        assertThat(metadata.getTokenEndpointAuthMethods())
                .containsExactlyInAnyOrder(
                        ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST);
        assertThat(metadata.getScopes().toStringList())
                .contains("sim:read", "sim:write", "customer:read", "transfer", "order", "user:read", "audit:read");
        // a client that follows the metadata gets a token
        var viaMetadata = URI.create(metadata.getTokenEndpointURI().toString().replace(issuer, data.baseUrl()));
        var request = new TokenRequest(viaMetadata, post(), new ClientCredentialsGrant(), new Scope("sim:read"));
        assertThat(TokenResponse.parse(request.toHTTPRequest().send()).indicatesSuccess())
                .isTrue();
    }

    @Test
    void theResourceSideChallengesAsRfc6750Says() throws Exception {
        var none = HTTP.send(
                HttpRequest.newBuilder(uri("/api/v1/me")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).isEqualTo("Bearer");
        assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        var bad = me("not-a-real-token");
        assertThat(bad.statusCode()).isEqualTo(401);
        BearerTokenError error = BearerTokenError.parse(
                bad.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertThat(error.getCode()).isEqualTo("invalid_token");
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(bad.body()).contains("\"status\":401");
    }

    private String userId() {
        return data.jdbc()
                .sql("SELECT id::text FROM app_user WHERE client_id = :c")
                .param("c", clientId)
                .query(String.class)
                .single();
    }

    private HttpResponse<String> me(String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri("/api/v1/me"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> form(String body, String authorization) throws Exception {
        var b = HttpRequest.newBuilder(uri("/api/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(
                b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
