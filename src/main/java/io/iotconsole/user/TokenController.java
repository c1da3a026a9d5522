package io.iotconsole.user;

import io.iotconsole.security.Allow;
import io.iotconsole.security.ApiScope;
import io.iotconsole.security.ConsoleUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * The OAuth2 authorization server of the Management API, as RFC 6749 (client credentials), RFC 7009 (revocation) and
 * RFC 6749 section 2.3.1 (client_secret_basic and client_secret_post) describe it. Clients are API users by
 * {@code client_id} and secret, or an Owner or the operator by e-mail and password, all through the same throttled
 * sign-in as the console. A wrong secret, an unknown, invited or deactivated account, an account whose role may not
 * use the API and an expired credential are all the same 401 {@code invalid_client}.
 */
@RestController
class TokenController {
    /**
     * The one answer for a wrong secret, an unknown, invited or deactivated account, and an account whose role may
     * not use the API: none tells which accounts exist or which passwords are right.
     */
    static final String WRONG = "Wrong client id, e-mail or secret.";

    static final String EXPIRED = "The client's credential has expired.";

    private final AuthenticationManager authentication;
    private final AccessTokens tokens;
    private final ApiCredentials credentials;
    private final SignInEvents signIns;

    TokenController(
            AuthenticationManager authentication,
            AccessTokens tokens,
            ApiCredentials credentials,
            SignInEvents signIns) {
        this.signIns = signIns;
        this.authentication = authentication;
        this.tokens = tokens;
        this.credentials = credentials;
    }

    @Allow(who = Allow.Who.PUBLIC)
    // its form body, security and answers are described in one place with the OpenAPI document: web.TokenEndpoint
    @Operation(
            description = "Client authentication by HTTP Basic (client_secret_basic) or client_id and client_secret in "
                    + "the form (client_secret_post), never both. `scope` narrows the token to some of the client's "
                    + "scopes (space-separated); without it the token gets every scope of the client. Errors follow "
                    + "RFC 6749 section 5.2: `{error, error_description}` as application/json.")
    @PostMapping(value = "/api/v1/oauth/token")
    ResponseEntity<Map<String, Object>> token(@Parameter(hidden = true) HttpServletRequest request) {
        var form = Form.of(request);
        if (form.problem() != null) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", form.problem());
        }
        String grantType = form.value("grant_type");
        if (grantType == null || grantType.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "grant_type is required: client_credentials");
        }
        if (!"client_credentials".equals(grantType)) {
            return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        var client = authenticate(form, request);
        if (client.refusal() != null) {
            return client.refusal();
        }
        ConsoleUser user = client.user();
        var expiry = credentials.expiry(user).orElse(null);
        if (credentials.expired(expiry)) {
            signIns.tokenRefused(user, "credential expired");
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", EXPIRED);
        }
        Set<ApiScope> grantable = credentials.grantable(user);
        Set<ApiScope> granted = grantable;
        String scope = form.value("scope");
        if (scope != null) {
            granted = EnumSet.noneOf(ApiScope.class);
            for (String code : scope.strip().split(" +")) {
                var asked = ApiScope.byCode(code);
                if (asked.isEmpty() || !grantable.contains(asked.get())) {
                    signIns.tokenRefused(user, "asked for a scope it does not hold");
                    return error(
                            HttpStatus.BAD_REQUEST,
                            "invalid_scope",
                            "Not a scope this client holds: " + code + " (it holds: " + ApiScope.format(grantable)
                                    + ")");
                }
                granted.add(asked.get());
            }
        }
        if (granted.isEmpty()) {
            signIns.tokenRefused(user, "holds no scope");
            return error(HttpStatus.BAD_REQUEST, "invalid_scope", "This client holds no scope");
        }
        credentials.recordUse(user, request.getRemoteAddr());
        signIns.tokenIssued(user);
        var issued = tokens.issue(user, granted, expiry);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", issued.expiresIn());
        body.put("scope", ApiScope.format(issued.scopes()));
        return ResponseEntity.ok().headers(noStore()).body(body);
    }

    @Allow(who = Allow.Who.PUBLIC)
    @Operation(
            summary = "Revoke an access token (RFC 7009)",
            description = "The client authenticates as at the token endpoint and sends `token` (and optionally "
                    + "`token_type_hint`). 200 whether or not the token was known: an unknown, expired or another "
                    + "client's token changes nothing.",
            requestBody =
                    @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                                            schema = @Schema(implementation = RevocationForm.class))),
            responses = {
                @ApiResponse(responseCode = "200", description = "revoked, or nothing to revoke"),
                @ApiResponse(
                        responseCode = "400",
                        description = "invalid_request",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "401",
                        description = "invalid_client",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE))
            })
    @PostMapping(value = "/api/v1/oauth/revoke")
    ResponseEntity<Map<String, Object>> revokeToken(@Parameter(hidden = true) HttpServletRequest request) {
        var form = Form.of(request);
        if (form.problem() != null) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", form.problem());
        }
        String token = form.value("token");
        if (token == null || token.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "token is required");
        }
        var client = authenticate(form, request);
        if (client.refusal() != null) {
            return client.refusal();
        }
        tokens.revoke(client.user(), token);
        return ResponseEntity.ok().headers(noStore()).build();
    }

    @Schema(name = "RevocationRequest")
    record RevocationForm(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String token,

            @Schema(allowableValues = "access_token") @Nullable
            String token_type_hint,

            @Schema(description = "client_secret_post only") @Nullable
            String client_id,

            @Schema(description = "client_secret_post only") @Nullable
            String client_secret) {}

    private record Client(
            @Nullable ConsoleUser user, @Nullable ResponseEntity<Map<String, Object>> refusal) {}

    /** RFC 6749 section 2.3.1: HTTP Basic or the form's client_id and client_secret, exactly one of them. */
    private Client authenticate(Form form, HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String postedId = form.value("client_id");
        String postedSecret = form.value("client_secret");
        boolean posted = postedSecret != null;
        if (header != null && posted) {
            return new Client(
                    null,
                    error(
                            HttpStatus.BAD_REQUEST,
                            "invalid_request",
                            "Authenticate the client one way only: HTTP Basic or client_secret in the form"));
        }
        String[] pair;
        if (posted) {
            pair = postedId == null || postedId.isEmpty() ? null : new String[] {postedId, postedSecret};
        } else {
            pair = basic(header);
            if (pair != null && postedId != null && !postedId.equals(pair[0])) {
                return new Client(
                        null,
                        error(
                                HttpStatus.BAD_REQUEST,
                                "invalid_request",
                                "client_id in the form is not the client of HTTP Basic"));
            }
        }
        if (pair == null) {
            return new Client(
                    null,
                    error(
                            HttpStatus.UNAUTHORIZED,
                            "invalid_client",
                            "Send the client id (or e-mail) and secret with HTTP Basic or as client_id and "
                                    + "client_secret in the form"));
        }
        try {
            var attempt = UsernamePasswordAuthenticationToken.unauthenticated(pair[0], pair[1]);
            attempt.setDetails(new WebAuthenticationDetails(request));
            ConsoleUser user =
                    (ConsoleUser) authentication.authenticate(attempt).getPrincipal();
            if (user == null || !AccessTokens.mayUseApi(user)) {
                // not reached: the sign-in refuses such accounts like a wrong secret; kept as a second line
                return new Client(null, error(HttpStatus.UNAUTHORIZED, "invalid_client", WRONG));
            }
            return new Client(user, null);
        } catch (LockedException e) {
            return new Client(null, error(HttpStatus.UNAUTHORIZED, "invalid_client", e.getMessage()));
        } catch (AuthenticationException e) {
            return new Client(null, error(HttpStatus.UNAUTHORIZED, "invalid_client", WRONG));
        }
    }

    private static String @Nullable [] basic(@Nullable String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            // RFC 6749 form-encodes both parts; decode %XX but keep '+', which e-mail addresses use literally.
            return new String[] {
                UriUtils.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                UriUtils.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The request's form parameters, or why they cannot be read as RFC 6749 wants them. */
    private record Form(
            Map<String, String[]> parameters, @Nullable String problem) {
        static Form of(HttpServletRequest request) {
            MediaType type;
            try {
                type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
            } catch (IllegalArgumentException e) {
                type = null;
            }
            if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
                return new Form(Map.of(), "Send the parameters as application/x-www-form-urlencoded");
            }
            Map<String, String[]> parameters = request.getParameterMap();
            String query = request.getQueryString();
            if (query != null && !query.isEmpty()) {
                // RFC 6749 sends the parameters in the body; an address ends up in logs and caches
                return new Form(Map.of(), "Send the parameters in the form body, not in the address");
            }
            for (var e : parameters.entrySet()) {
                if (e.getValue().length > 1) {
                    return new Form(parameters, e.getKey() + " must be sent once");
                }
            }
            return new Form(parameters, null);
        }

        @Nullable
        String value(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }
    }

    /** RFC 6749 section 5.1: token answers and their errors are never cached. */
    private static HttpHeaders noStore() {
        HttpHeaders headers = new HttpHeaders();
        headers.setCacheControl(CacheControl.noStore());
        headers.setPragma("no-cache");
        return headers;
    }

    /** RFC 6749 section 5.2: {@code {error, error_description}}; a failed client authentication is a 401 Basic. */
    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, @Nullable String detail) {
        HttpHeaders headers = noStore();
        if (status == HttpStatus.UNAUTHORIZED) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"iot-console\", charset=\"UTF-8\"");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", detail == null ? "Invalid client credentials" : detail);
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
