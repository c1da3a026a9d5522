package io.iotconsole.secondfactor;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.mail.MailLinks;
import io.iotconsole.mail.Mailer;
import io.iotconsole.mail.OutgoingMail;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.security.Role;
import io.iotconsole.security.SessionTerminator;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.user.User;
import io.iotconsole.user.Users;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Losing every second factor is no lockout: whoever may administer the user (an Owner or Admin per the permission
 * table, the platform operator for an Owner) removes them all. The user's sessions end, the user is told by mail, and
 * the audit log keeps who did it; at the next sign-in the password alone opens the console again (and, where the
 * organisation requires a second factor, leads straight to setting up a new one).
 */
@Service
public class SecondFactorResets {
    private final Users users;
    private final SecondFactorRepository repository;
    private final AccessPolicy access;
    private final SessionTerminator sessions;
    private final Mailer mailer;
    private final MailLinks links;
    private final AuditLog audit;

    SecondFactorResets(
            Users users,
            SecondFactorRepository repository,
            AccessPolicy access,
            SessionTerminator sessions,
            Mailer mailer,
            MailLinks links,
            AuditLog audit) {
        this.users = users;
        this.repository = repository;
        this.access = access;
        this.sessions = sessions;
        this.mailer = mailer;
        this.links = links;
        this.audit = audit;
    }

    /** Removes the user's authenticator app, recovery codes and passkeys; 404 outside the caller's scope. */
    @Transactional
    public User reset(UUID userId) {
        User user = users.get(userId);
        access.requireAdminister(user.role());
        if (user.role() == Role.API_USER) {
            throw new ConflictException("API users sign in with their client secret and have no second factor");
        }
        TenantScope scope = TenantScope.internal(user.organizationId());
        boolean app = repository.deleteTotp(scope, user.id());
        int codes = repository.deleteRecoveryCodes(scope, user.id());
        int passkeys = repository.passkeys(user.id()).size();
        repository.deletePasskeys(user.id());
        sessions.endAllSessionsOf(user.id());
        ConsoleUser by = CurrentUser.get();
        audit.record(AuditRecord.success(
                        user.organizationId(), "SECOND_FACTORS_RESET", "USER", user.id(), user.auditLabel())
                .withDetail((app ? "authenticator app, " : "") + passkeys + " passkeys, " + codes + " recovery codes"));
        mailer.queue(new OutgoingMail(
                user.organizationId(),
                Objects.requireNonNull(user.email()),
                "Your second factors were reset",
                "Hello " + user.name() + ",\n\n" + by.displayName()
                        + " has removed your second factors for IoT Console (authenticator app, recovery codes and"
                        + " passkeys), and your open sessions were signed out.\n\nSign in with your password at "
                        + links.baseUrl() + "/login and set up a new second factor on your profile's Sign-in"
                        + " security page.\n\nIf you did not ask for this, tell your administrator at once.\n",
                links.baseUrl() + "/login"));
        return user;
    }
}
