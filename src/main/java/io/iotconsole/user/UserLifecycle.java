package io.iotconsole.user;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.security.Role;
import io.iotconsole.security.SessionTerminator;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.ConflictException;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deactivate, re-invite (resend verification) and delete. Each needs the right to administer the user's role, is
 * refused on oneself, and is audited. Deactivating and deleting end every session and token of the user at once.
 */
@Service
public class UserLifecycle {
    private final Users users;
    private final UserRepository repository;
    private final LinkTokenRepository links;
    private final AccessTokenRepository accessTokens;
    private final SessionTerminator sessions;
    private final UserLinks userLinks;
    private final Organizations organizations;
    private final AccessPolicy access;
    private final AuditLog audit;

    UserLifecycle(
            Users users,
            UserRepository repository,
            LinkTokenRepository links,
            AccessTokenRepository accessTokens,
            SessionTerminator sessions,
            UserLinks userLinks,
            Organizations organizations,
            AccessPolicy access,
            AuditLog audit) {
        this.users = users;
        this.repository = repository;
        this.links = links;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.userLinks = userLinks;
        this.organizations = organizations;
        this.access = access;
        this.audit = audit;
    }

    /** INVITED or ACTIVE → INACTIVE, at once; nothing issued before ever works again. */
    @Transactional
    public User deactivate(UUID id) {
        User user = administrable(id, "deactivate");
        if (user.status() == UserStatus.INACTIVE) {
            throw new ConflictException("The user is already inactive");
        }
        repository.changeStatusAndRevoke(user.id(), UserStatus.INACTIVE);
        revokeEverything(user.id());
        audit.record(
                AuditRecord.success(user.organizationId(), "USER_DEACTIVATED", "USER", user.id(), user.auditLabel()));
        return repository.find(access.ownScope(), id).orElseThrow();
    }

    /**
     * The dormancy run's deactivation: the same as {@link #deactivate}, done by the system, not by a caller. The
     * user may have signed in since the run picked them; then nothing happens.
     */
    @Transactional
    void deactivateDormant(UUID organizationId, UUID id, int days) {
        User user = repository.find(TenantScope.internal(organizationId), id).orElse(null);
        if (user == null || user.status() != UserStatus.ACTIVE) {
            return;
        }
        repository.changeStatusAndRevoke(user.id(), UserStatus.INACTIVE);
        revokeEverything(user.id());
        audit.record(
                AuditRecord.success(user.organizationId(), "USER_DEACTIVATED", "USER", user.id(), user.auditLabel())
                        .byActor(null, DormantAccounts.SYSTEM)
                        .withDetail("dormant: no sign-in for " + days + " days"));
    }

    /**
     * INVITED: a fresh activation link (the old one stops working). INACTIVE: back to INVITED with a fresh link,
     * which is how a deactivated user returns. ACTIVE users and API users (who have no e-mail) are refused.
     */
    @Transactional
    public User resendVerification(UUID id) {
        User user = administrable(id, "re-invite");
        if (user.role() == Role.API_USER) {
            throw new ConflictException("API users have no e-mail address to send a link to");
        }
        if (user.status() == UserStatus.ACTIVE) {
            throw new ConflictException("The user is already active");
        }
        boolean reinvite = user.status() == UserStatus.INACTIVE;
        if (reinvite) {
            repository.changeStatusAndRevoke(user.id(), UserStatus.INVITED);
        }
        var org = organizations
                .find(Objects.requireNonNull(user.organizationId()))
                .orElseThrow();
        User current = repository.find(access.ownScope(), id).orElseThrow();
        userLinks.sendActivation(
                current, org, reinvite ? UserLinks.ActivationMail.REINVITATION : UserLinks.ActivationMail.RESENT);
        audit.record(AuditRecord.success(
                user.organizationId(),
                reinvite ? "USER_REINVITED" : "USER_INVITATION_RESENT",
                "USER",
                user.id(),
                user.auditLabel()));
        return current;
    }

    /** Permanent. The audit log keeps the record of who the user was. */
    @Transactional
    public void delete(UUID id) {
        User user = administrable(id, "delete");
        revokeEverything(user.id());
        repository.delete(user.id());
        audit.record(AuditRecord.success(user.organizationId(), "USER_DELETED", "USER", user.id(), user.auditLabel())
                .withDetail("role " + user.role().name() + ", status "
                        + user.status().name()));
    }

    private User administrable(UUID id, String verb) {
        User user = users.loadInScope(id);
        if (user.id().equals(CurrentUser.get().id())) {
            throw new ConflictException("You cannot " + verb + " yourself");
        }
        access.requireAdminister(user.role());
        return user;
    }

    private void revokeEverything(UUID userId) {
        links.revokeAll(userId);
        accessTokens.deleteAllOf(userId);
        sessions.endAllSessionsOf(userId);
    }
}
