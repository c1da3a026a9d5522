package io.iotconsole.user;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.mail.Mailer;
import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AfterAnswer;
import io.iotconsole.security.PasswordRules;
import io.iotconsole.security.ResetMailThrottle;
import io.iotconsole.security.Role;
import io.iotconsole.security.SessionTerminator;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.TextFields;
import io.iotconsole.shared.Tokens;
import io.iotconsole.user.LinkTokenRepository.LinkToken;
import io.iotconsole.user.LinkTokenRepository.Purpose;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Single-use links: activation (24 hours) and password reset (1 hour). Only the hash of a link's token is stored;
 * issuing a new link of a user revokes the older ones. Public: these are used by people who are not signed in.
 */
@Service
public class UserLinks {
    static final Duration ACTIVATION_VALIDITY = Duration.ofHours(24);
    static final Duration RESET_VALIDITY = Duration.ofHours(1);

    private final LinkTokenRepository tokens;
    private final UserRepository users;
    private final AccessTokenRepository accessTokens;
    private final SessionTerminator sessions;
    private final Organizations organizations;
    private final Mailer mailer;
    private final UserMails mails;
    private final AuditLog audit;
    private final PasswordEncoder passwords;
    private final AfterAnswer afterAnswer;
    private final TransactionOperations transactions;
    private final ResetMailThrottle resetMails;

    UserLinks(
            LinkTokenRepository tokens,
            UserRepository users,
            AccessTokenRepository accessTokens,
            SessionTerminator sessions,
            Organizations organizations,
            Mailer mailer,
            UserMails mails,
            AuditLog audit,
            PasswordEncoder passwords,
            AfterAnswer afterAnswer,
            TransactionOperations transactions,
            ResetMailThrottle resetMails) {
        this.resetMails = resetMails;
        this.tokens = tokens;
        this.users = users;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.organizations = organizations;
        this.mailer = mailer;
        this.mails = mails;
        this.audit = audit;
        this.passwords = passwords;
        this.afterAnswer = afterAnswer;
        this.transactions = transactions;
    }

    /** Why an activation link goes out: a new user's first link has no older one to revoke. */
    enum ActivationMail {
        INVITATION,
        RESENT,
        REINVITATION
    }

    /** Mails a fresh activation link, revoking the user's older unused links, in the caller's transaction. */
    void sendActivation(User user, Organization org, ActivationMail kind) {
        if (kind != ActivationMail.INVITATION) {
            tokens.revokeAll(user.id());
        }
        boolean reinvite = kind == ActivationMail.REINVITATION;
        String token = Tokens.newToken();
        tokens.insert(
                Tokens.hash(token),
                user.id(),
                org.id(),
                Purpose.ACTIVATION,
                Instant.now().plus(ACTIVATION_VALIDITY));
        mailer.queue(mails.activation(user, org, token, reinvite));
    }

    /**
     * Always answers the same, in words and in time, whether or not the address belongs to anyone: the lookup, the
     * link and the mail are done beside the answer.
     */
    public void requestPasswordReset(String email) {
        String address = email == null ? "" : email.strip();
        if (address.isEmpty() || TextFields.problem(address, 254, false) != null) {
            return;
        }
        afterAnswer.run("A password reset request", () -> {
            if (resetMails.take("console", address)) {
                transactions.executeWithoutResult(status -> mailPasswordReset(address));
            }
        });
    }

    private void mailPasswordReset(String address) {
        Optional<User> user = users.findByEmail(address).filter(u -> u.status() == UserStatus.ACTIVE);
        if (user.isEmpty()) {
            return;
        }
        User u = user.get();
        tokens.revokeAll(u.id());
        String token = Tokens.newToken();
        tokens.insert(
                Tokens.hash(token),
                u.id(),
                u.organizationId(),
                Purpose.RESET,
                Instant.now().plus(RESET_VALIDITY));
        mailer.queue(mails.passwordReset(u, token));
        audit.record(AuditRecord.success(u.organizationId(), "PASSWORD_RESET_REQUESTED", "USER", u.id(), u.auditLabel())
                .byActor(u.id(), u.auditLabel()));
    }

    /** For the pages: whether the link can still be used, before the form is shown. */
    @Transactional
    public void check(String token, boolean activation) {
        validate(token, activation ? Purpose.ACTIVATION : Purpose.RESET);
    }

    /** Sets the first password of an invited user, who becomes ACTIVE (and their new organisation with them). */
    @Transactional
    public User activate(String token, String password) {
        return usePassword(token, password, Purpose.ACTIVATION, "USER_ACTIVATED");
    }

    /** Sets a new password from a reset link; every session and token of the user ends. */
    @Transactional
    public User resetPassword(String token, String password) {
        return usePassword(token, password, Purpose.RESET, "PASSWORD_RESET");
    }

    private User usePassword(String token, String password, Purpose purpose, String action) {
        LinkToken link = validate(token, purpose);
        PasswordRules.problemWith(password).ifPresent(p -> {
            throw InvalidInputException.of("password", p);
        });
        User user = users.find(TenantScope.internal(link.organizationId()), link.userId())
                .orElseThrow(() -> new InvalidLinkException("This link is not valid."));
        UserStatus expected = purpose == Purpose.ACTIVATION ? UserStatus.INVITED : UserStatus.ACTIVE;
        if (user.status() != expected) {
            throw new InvalidLinkException("This link is no longer valid.");
        }
        tokens.markUsed(Tokens.hash(token));
        users.setPassword(user.id(), passwords.encode(password));
        accessTokens.deleteAllOf(user.id());
        sessions.endAllSessionsOf(user.id());
        if (user.role() == Role.OWNER && user.organizationId() != null) {
            organizations.activateIfPending(user.organizationId());
        }
        audit.record(AuditRecord.success(user.organizationId(), action, "USER", user.id(), user.auditLabel())
                .byActor(user.id(), user.auditLabel()));
        return users.find(TenantScope.internal(user.organizationId()), user.id())
                .orElseThrow();
    }

    private LinkToken validate(String token, Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > 100) {
            throw new InvalidLinkException("This link is not valid.");
        }
        LinkToken link = tokens.findForUpdate(Tokens.hash(token))
                .filter(t -> t.purpose() == purpose)
                .orElseThrow(() ->
                        new InvalidLinkException("This link is not valid. It may have been replaced by a newer one."));
        if (link.usedAt() != null) {
            throw new InvalidLinkException("This link has already been used.");
        }
        if (link.expiresAt().isBefore(Instant.now())) {
            throw new InvalidLinkException("This link has expired.");
        }
        return link;
    }
}
