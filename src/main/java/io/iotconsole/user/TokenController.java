package io.iotconsole.user;

import io.iotconsole.security.Allow;
import io.iotconsole.security.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * OAuth2 client credentials: HTTP Basic with an API user's {@code client_id:client_secret}, or an Owner's or the
 * operator's {@code email:password}. Goes through the same throttled sign-in as the console; anything wrong is 401
 * {@code invalid_client} with the same words (a lock says so, for known and unknown names alike).
 */
@RestController
class TokenController {
    /**
     * The one answer for a wrong secret, an unknown, invited or deactivated account, and an account whose role may
     * not use the API: none tells which accounts exist or which passwords are right.
     */
    static final String WRONG = "Wrong client id, e-mail or secret.";

    private final AuthenticationManager authentication;
    private final AccessTokens tokens;

    TokenController(AuthenticationManager authentication, AccessTokens tokens) {
        this.authentication = authentication;
        this.tokens = tokens;
    }

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping(value = "/api/v1/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> token(
            @RequestHeader(value = "Authorization", required = false) @Nullable String authorization,
            @RequestParam(name = "grant_type", required = false) @Nullable String grantType,
            HttpServletRequest request) {
        if (grantType == null || grantType.isBlank()) {
            return malformed("invalid_request", "grant_type is required: client_credentials");
        }
        if (!"client_credentials".equals(grantType)) {
            return malformed("unsupported_grant_type", "grant_type must be client_credentials");
        }
        String[] credentials = basic(authorization);
        if (credentials == null) {
            return refuse("invalid_client", "Send the client id (or e-mail) and secret with HTTP Basic");
        }
        try {
            var attempt = UsernamePasswordAuthenticationToken.unauthenticated(credentials[0], credentials[1]);
            attempt.setDetails(new WebAuthenticationDetails(request));
            ConsoleUser user =
                    (ConsoleUser) authentication.authenticate(attempt).getPrincipal();
            if (user == null || !AccessTokens.mayUseApi(user)) {
                // not reached: the sign-in refuses such accounts like a wrong secret; kept as a second line
                return refuse("invalid_client", WRONG);
            }
            var issued = tokens.issue(user);
            return ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .body(Map.of(
                            "access_token",
                            issued.accessToken(),
                            "token_type",
                            "Bearer",
                            "expires_in",
                            issued.expiresIn()));
        } catch (LockedException e) {
            return refuse("invalid_client", e.getMessage());
        } catch (AuthenticationException e) {
            return refuse("invalid_client", WRONG);
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

    /** RFC 6749 section 5.2: a malformed request or an unsupported grant is a 400, before any credential is read. */
    private static ResponseEntity<ProblemDetail> malformed(String error, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Bad Request");
        problem.setProperty("error", error);
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<ProblemDetail> refuse(String error, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED, detail == null ? "Invalid client credentials" : detail);
        problem.setTitle("Unauthorized");
        problem.setProperty("error", error);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Basic realm=\"iot-console\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
