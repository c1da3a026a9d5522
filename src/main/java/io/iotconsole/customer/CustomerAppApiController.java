package io.iotconsole.customer;

import io.iotconsole.security.Allow;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.Text;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
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
    AppToken signInCustomer(@RequestBody Login body, @Parameter(hidden = true) HttpServletRequest request) {
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
        return new AppToken(token, "Bearer", CustomerSessions.MOBILE_VALIDITY.toSeconds());
    }

    /** A customer's bearer token for the app's JSON API. */
    record AppToken(String token, String tokenType, long expiresIn) {}

    /** The same words whether or not the address is a customer's. */
    record AppResetRequested(String detail) {}

    /** The token of this device after a password change. */
    record NewToken(String token) {}

    record AppResetRequest(
            @Nullable String email,
            @Nullable String accountNumber,
            @Nullable String app) {}

    /** A forgotten password: always 202 with the same words, whether or not the e-mail is a customer's. */
    @Allow(who = Allow.Who.PUBLIC)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/app/api/v1/password-reset")
    ResponseEntity<AppResetRequested> requestCustomerPasswordReset(@RequestBody AppResetRequest body) {
        app.requestPasswordReset(body.app() != null ? body.app() : body.accountNumber(), body.email());
        return ResponseEntity.accepted().body(new AppResetRequested(CustomerApp.RESET_SENT));
    }

    @Allow(who = Allow.Who.CUSTOMER)
    @GetMapping("/app/api/v1/me")
    Customer getCustomerSelf(@Parameter(hidden = true) HttpServletRequest request) {
        return app.active(signedIn(request)).customer();
    }

    @Allow(who = Allow.Who.CUSTOMER)
    @GetMapping("/app/api/v1/devices")
    @Parameter(
            name = "page",
            in = ParameterIn.QUERY,
            description = "from 0; pages of 50",
            schema = @Schema(type = "integer", minimum = "0"))
    PageResult<Device> listCustomerSelfDevices(@Parameter(hidden = true) HttpServletRequest request) {
        // pages of 50 from 0, as the app shows them; {@code total} counts every device of the customer
        return app.devices(signedIn(request), Paging.of(request).page());
    }

    @Allow(who = Allow.Who.CUSTOMER)
    @GetMapping("/app/api/v1/locations")
    PageResult<Location> listCustomerSelfLocations(@Parameter(hidden = true) HttpServletRequest request) {
        List<Location> locations = app.locations(signedIn(request));
        return new PageResult<>(locations, locations.size(), 0, locations.size());
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
    NewToken changeCustomerSelfPassword(
            @Parameter(hidden = true) HttpServletRequest request, @RequestBody PasswordChange body) {
        String token = app.changePassword(
                signedIn(request),
                body.current(),
                body.password(),
                body.confirmation() == null ? body.password() : body.confirmation(),
                request.getRemoteAddr());
        return new NewToken(token);
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
