package io.iotconsole.user;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditOutcome;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.PasskeyAuthentication;
import io.iotconsole.shared.TextFields;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Every sign-in, with a password (console or API) or a passkey, successful or not, goes to the audit log; success also
 * stamps the last sign-in.
 */
@Component
class SignInEvents {
    private final UserRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final UserCredentialRepository passkeys;
    private final PublicKeyCredentialUserEntityRepository passkeyUsers;

    SignInEvents(
            UserRepository repository,
            AuditLog audit,
            Clock clock,
            UserCredentialRepository passkeys,
            PublicKeyCredentialUserEntityRepository passkeyUsers) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.passkeys = passkeys;
        this.passkeyUsers = passkeyUsers;
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
        if (event.getAuthentication() instanceof WebAuthnAuthenticationRequestToken passkey) {
            passkeyRefused(passkey);
            return;
        }
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
        refused(known, login, reason + ", " + channel());
    }

    /** A refused sign-in, named after the user it was for when known, else after what was offered. */
    private void refused(Optional<User> known, String offered, String reason) {
        String label = known.map(User::auditLabel).orElse(offered);
        audit.record(new AuditRecord(
                known.map(User::organizationId).orElse(null),
                "SIGN_IN",
                "USER",
                known.map(u -> u.id().toString()).orElse(null),
                label,
                AuditOutcome.FAILURE,
                reason,
                known.map(User::id).orElse(null),
                label));
    }

    /**
     * A passkey the console refused: one it does not know (removed, or never registered here) or whose proof failed.
     * The entry names the user the passkey belongs to, else the user its authenticator named, else nobody.
     */
    private void passkeyRefused(WebAuthnAuthenticationRequestToken token) {
        var credential = token.getWebAuthnRequest().getPublicKey();
        CredentialRecord known =
                credential.getRawId() == null ? null : passkeys.findByCredentialId(credential.getRawId());
        Bytes entity = known != null
                ? known.getUserEntityUserId()
                : credential.getResponse().getUserHandle();
        Optional<User> user = Optional.ofNullable(entity == null ? null : passkeyUsers.findById(entity))
                .flatMap(e -> userId(e.getName()))
                .flatMap(repository::findForSignIn);
        refused(
                user,
                "(unknown passkey)",
                (known == null ? "a passkey the console does not know" : "the passkey's proof was refused")
                        + ", via the console");
    }

    private static Optional<UUID> userId(String name) {
        try {
            return Optional.of(UUID.fromString(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
