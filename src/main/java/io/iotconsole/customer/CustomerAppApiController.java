package io.iotconsole.customer;

import io.iotconsole.security.Allow;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.Text;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The mobile app's JSON API: sign in for a bearer token, then the customer's own data. */
@RestController
class CustomerAppApiController {
    private final CustomerApp app;

    CustomerAppApiController(CustomerApp app) {
        this.app = app;
    }

    record Login(
            @Text(max = 254) @Nullable String email,
            @Text(max = 128) @Nullable String password,
            @Text(max = 20) @Nullable String accountNumber,
            @Text(max = 40) @Nullable String app) {}

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/app/api/v1/login")
    Map<String, Object> login(@RequestBody Login body, HttpServletRequest request) {
        // the app's short name (its address) or, as before, the organisation's account number
        String token = body.app() != null
                ? app.signIn(
                        body.app(),
                        body.email(),
                        body.password(),
                        true,
                        request.getRemoteAddr(),
                        CustomerApp.WRONG_AT_ADDRESS)
                : app.signIn(body.accountNumber(), body.email(), body.password(), true, request.getRemoteAddr());
        return Map.of("token", token, "tokenType", "Bearer", "expiresIn", CustomerSessions.MOBILE_VALIDITY.toSeconds());
    }

    record ResetRequest(
            @Nullable String email,
            @Nullable String accountNumber,
            @Nullable String app) {}

    /** A forgotten password: always 202 with the same words, whether or not the e-mail is a customer's. */
    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/app/api/v1/password-reset")
    ResponseEntity<Map<String, String>> requestReset(@RequestBody ResetRequest body) {
        app.requestPasswordReset(body.app() != null ? body.app() : body.accountNumber(), body.email());
        return ResponseEntity.accepted().body(Map.of("detail", CustomerApp.RESET_SENT));
    }

    @Allow(who = Allow.Who.CUSTOMER)
    @GetMapping("/app/api/v1/me")
    Customer me(HttpServletRequest request) {
        return app.active(signedIn(request)).customer();
    }

    @Allow(who = Allow.Who.CUSTOMER)
    @GetMapping("/app/api/v1/devices")
    Map<String, Object> devices(HttpServletRequest request) {
        // pages of 50 from 0, as the app shows them; {@code total} counts every device of the customer
        var devices = app.devices(signedIn(request), Paging.of(request).page());
        return Map.of(
                "items", devices.items(), "total", devices.total(), "page", devices.page(), "size", devices.size());
    }

    @Allow(who = Allow.Who.CUSTOMER)
    @GetMapping("/app/api/v1/locations")
    Map<String, Object> locations(HttpServletRequest request) {
        List<Location> locations = app.locations(signedIn(request));
        return Map.of("items", locations, "total", locations.size());
    }

    record PasswordChange(
            @Text(max = 128) @Nullable String current,
            @Text(max = 128) @Nullable String password,
            @Text(max = 128) @Nullable String confirmation) {}

    /**
     * Every other session and token ends; the answer carries this device's new token. The current password is
     * required (a wrong one counts like a failed sign-in); refused with 403 during remote assistance.
     */
    @Allow(who = Allow.Who.CUSTOMER)
    @PostMapping("/app/api/v1/password")
    Map<String, Object> password(HttpServletRequest request, @RequestBody PasswordChange body) {
        String token = app.changePassword(
                signedIn(request),
                body.current(),
                body.password(),
                body.confirmation() == null ? body.password() : body.confirmation(),
                request.getRemoteAddr());
        return Map.of("token", token);
    }

    private static AppUser signedIn(HttpServletRequest request) {
        return CustomerAppAuthentication.current(request).orElseThrow(NotSignedInException::new);
    }

    static class NotSignedInException extends RuntimeException {}

    @ExceptionHandler(NotSignedInException.class)
    ProblemDetail notSignedIn() {
        return problem(
                HttpStatus.UNAUTHORIZED, "Unauthorized", "Sign in first: the token is missing, expired or ended.");
    }

    @ExceptionHandler(CustomerApp.SignInFailedException.class)
    ProblemDetail wrong(CustomerApp.SignInFailedException e) {
        return problem(HttpStatus.UNAUTHORIZED, "Unauthorized", e.getMessage());
    }

    @ExceptionHandler(org.springframework.security.authentication.LockedException.class)
    ProblemDetail locked(org.springframework.security.authentication.LockedException e) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", e.getMessage());
    }

    @ExceptionHandler(CustomerApp.AssistedException.class)
    ProblemDetail assisted(CustomerApp.AssistedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(CustomerApp.DisabledException.class)
    ProblemDetail disabled(CustomerApp.DisabledException e) {
        return problem(HttpStatus.FORBIDDEN, "Account disabled", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
