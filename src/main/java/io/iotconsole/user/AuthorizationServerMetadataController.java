package io.iotconsole.user;

import io.iotconsole.mail.MailLinks;
import io.iotconsole.security.Allow;
import io.iotconsole.security.ApiScope;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** RFC 8414: what a client library needs to know about the Management API's authorization server. */
@RestController
class AuthorizationServerMetadataController {
    private final MailLinks links;

    AuthorizationServerMetadataController(MailLinks links) {
        this.links = links;
    }

    @Allow(who = Allow.Who.PUBLIC)
    @Operation(summary = "OAuth 2.0 authorization server metadata (RFC 8414)")
    @GetMapping("/.well-known/oauth-authorization-server")
    ResponseEntity<Map<String, Object>> metadata() {
        // the issuer is the console's public address (CONSOLE_BASE_URL), as clients reach it
        String issuer = links.baseUrl().replaceAll("/+$", "");
        List<String> methods = List.of("client_secret_basic", "client_secret_post");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer);
        body.put("token_endpoint", issuer + "/api/v1/oauth/token");
        body.put("token_endpoint_auth_methods_supported", methods);
        body.put("revocation_endpoint", issuer + "/api/v1/oauth/revoke");
        body.put("revocation_endpoint_auth_methods_supported", methods);
        body.put("grant_types_supported", List.of("client_credentials"));
        // no authorization endpoint: no response type is supported
        body.put("response_types_supported", List.of());
        body.put(
                "scopes_supported",
                Arrays.stream(ApiScope.values()).map(ApiScope::code).toList());
        body.put("service_documentation", issuer + "/api-docs-ui");
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(body);
    }
}
