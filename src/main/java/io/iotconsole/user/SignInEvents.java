package io.iotconsole.user;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditOutcome;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.PasskeyAuthentication;
import io.iotconsole.shared.TextFields;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Every password sign-in, console or API, successful or not, goes to the audit log; success also stamps last sign-in. */
@Component
class SignInEvents {
    private final UserRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    SignInEvents(UserRepository repository, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    void onSuccess(AuthenticationSuccessEvent event) {
        // A password or a passkey proven (console form or token endpoint); each API call's bearer token is no sign-in.
        boolean passkey = event.getAuthentication() instanceof PasskeyAuthentication;
        if (atTokenEndpoint()) {
            return; // a client checked there signs in only when it gets a token: tokenIssued
        }
        if ((passkey || event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)
                && event.getAuthentication().getPrincipal() instanceof ConsoleUser user) {
            repository.recordSignIn(user.id(), clock.instant());
            audit.record(AuditRecord.success(user.organizationId(), "SIGN_IN", "USER", user.id(), user.auditLabel())
                    .byActor(user.id(), user.auditLabel())
                    .withDetail(passkey ? "with a passkey, via the console" : channel()));
        }
    }

    @EventListener
    @Transactional
    void onFailure(AbstractAuthenticationFailureEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)) {
            return; // an unknown bearer token is answered 401; its text is a secret and never logged
        }
        String typed = String.valueOf(event.getAuthentication().getName()).strip();
        // a name no account can have (over-long, control characters) is neither looked up nor stored as typed
        boolean possible = TextFields.problem(typed, 254, false) == null;
        String login = possible ? typed : "(not a possible login: " + typed.length() + " characters)";
        Optional<User> known =
                possible ? repository.findCredentials(typed).map(UserRepository.Credentials::user) : Optional.empty();
        String reason = event.getException() instanceof LockedException
                ? "locked after repeated failures"
                : "wrong credentials or account not active";
        reason = reason + ", " + channel();
        var record = new AuditRecord(
                known.map(User::organizationId).orElse(null),
                "SIGN_IN",
                "USER",
                known.map(u -> u.id().toString()).orElse(null),
                known.map(User::auditLabel).orElse(login),
                AuditOutcome.FAILURE,
                reason,
                known.map(User::id).orElse(null),
                known.map(User::auditLabel).orElse(login));
        audit.record(record);
    }

    /** The token endpoint issued a token: the client's sign-in. */
    @Transactional
    void tokenIssued(ConsoleUser user) {
        repository.recordSignIn(user.id(), clock.instant());
        audit.record(AuditRecord.success(user.organizationId(), "SIGN_IN", "USER", user.id(), user.auditLabel())
                .byActor(user.id(), user.auditLabel())
                .withDetail(channel()));
    }

    /** The token endpoint refused a client whose secret was right (an expired credential, a scope it lacks). */
    @Transactional
    void tokenRefused(ConsoleUser user, String reason) {
        audit.record(new AuditRecord(
                user.organizationId(),
                "SIGN_IN",
                "USER",
                user.id().toString(),
                user.auditLabel(),
                AuditOutcome.FAILURE,
                reason + ", " + channel(),
                user.id(),
                user.auditLabel()));
    }

    /** The OAuth2 endpoints check a client's secret for a token or a revocation; neither is a sign-in by itself. */
    private static boolean atTokenEndpoint() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
                && attrs.getRequest().getRequestURI().startsWith("/api/v1/oauth/");
    }

    /** Console form or Management API token endpoint: both sign in with a password. */
    private static String channel() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
                && attrs.getRequest().getRequestURI().startsWith("/api/")) {
            return "via the Management API";
        }
        return "via the console";
    }
}
