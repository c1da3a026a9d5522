package io.iotconsole.customer;

import io.iotconsole.audit.AuditEntry;
import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.mail.MailLinks;
import io.iotconsole.mail.Mailer;
import io.iotconsole.mail.OutgoingMail;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.ForbiddenException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remote assistance as the organisation set it: opened at once, or only after the customer approved the console
 * user's request in the app (within 15 minutes of asking, and opened within 15 minutes of the approval); for the
 * organisation's number of minutes, with full control or read-only. Every step is audited.
 */
@Service
public class RemoteAssistance {
    static final String SYSTEM = "system";
    private final AssistanceRepository repository;
    private final Customers customers;
    private final CustomerSessions sessions;
    private final CustomerAppSettings apps;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Mailer mailer;
    private final MailLinks links;

    RemoteAssistance(
            AssistanceRepository repository,
            Customers customers,
            CustomerSessions sessions,
            CustomerAppSettings apps,
            AccessPolicy access,
            AuditLog audit,
            Mailer mailer,
            MailLinks links) {
        this.repository = repository;
        this.customers = customers;
        this.sessions = sessions;
        this.apps = apps;
        this.access = access;
        this.audit = audit;
        this.mailer = mailer;
        this.links = links;
    }

    /** Either an assistance session opened at once, or a request now waiting for the customer. */
    public record Start(
            @Nullable String token,
            Duration validity,
            @Nullable AssistanceRequest request) {
        public boolean started() {
            return token != null;
        }
    }

    @Transactional(readOnly = true)
    public AssistancePolicy policy(UUID organizationId) {
        return repository.policy(access.scope(Permission.ACCOUNT_COMPANY, organizationId), organizationId);
    }

    /** The organisation's policy for assisting this customer, for the start form. */
    @Transactional(readOnly = true)
    public AssistancePolicy policyFor(UUID customerId) {
        Customer c = customers.get(Permission.CUSTOMER_REMOTE_ASSIST, customerId);
        return repository.policy(TenantScope.internal(c.organizationId()), c.organizationId());
    }

    /** The settings page's change; audited with the new values. */
    @Transactional
    public AssistancePolicy savePolicy(
            UUID organizationId, boolean consentRequired, @Nullable String minutes, boolean readOnly) {
        TenantScope scope = access.scope(Permission.ACCOUNT_COMPANY, organizationId);
        int length;
        try {
            length = Integer.parseInt(minutes == null ? "" : minutes.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < AssistancePolicy.MIN_MINUTES || length > AssistancePolicy.MAX_MINUTES) {
            throw InvalidInputException.of(
                    "minutes",
                    "Enter the length of an assistance session in minutes, from " + AssistancePolicy.MIN_MINUTES
                            + " to " + AssistancePolicy.MAX_MINUTES);
        }
        AssistancePolicy policy = new AssistancePolicy(consentRequired, length, readOnly);
        repository.savePolicy(scope, organizationId, policy);
        audit.record(
                AuditRecord.success(organizationId, "ASSISTANCE_SETTINGS_CHANGED", "ORGANIZATION", organizationId, null)
                        .withDetail((consentRequired ? "the customer's approval required" : "no approval needed") + "; "
                                + length + " minutes; " + (readOnly ? "read-only" : "full control")));
        return policy;
    }

    /**
     * The console user (customer.remote_assist) states why. Without approval required the session opens now; with
     * it, the customer is asked in the app and by e-mail.
     */
    @Transactional
    public Start start(UUID customerId, @Nullable String reason) {
        ConsoleUser caller = access.require(Permission.CUSTOMER_REMOTE_ASSIST);
        Customer c = customers.get(Permission.CUSTOMER_REMOTE_ASSIST, customerId);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 200 || why.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.of("reason", "State the reason, e.g. a ticket number (at most 200 characters)");
        }
        if (c.status() == CustomerStatus.DISABLED) {
            throw new ConflictException("The customer is disabled; remote assistance is not possible");
        }
        TenantScope scope = TenantScope.internal(c.organizationId());
        AssistancePolicy policy = repository.policy(scope, c.organizationId());
        if (!policy.consentRequired()) {
            return open(c, caller.id(), caller.auditLabel(), why, policy, "");
        }
        var request = new AssistanceRequest(
                UUID.randomUUID(),
                c.organizationId(),
                c.id(),
                caller.id(),
                caller.auditLabel(),
                why,
                "PENDING",
                Instant.now(),
                null);
        repository.insert(scope, request);
        AppBrand brand = apps.of(c.organizationId());
        String link = links.baseUrl() + "/app/" + brand.slug() + "/login";
        mailer.queue(new OutgoingMail(
                c.organizationId(),
                c.email(),
                brand.organizationName() + " asks to assist you in " + brand.name(),
                "Hello " + c.firstName() + ",\n\n" + caller.auditLabel() + " of " + brand.organizationName()
                        + " asks to open your " + brand.name() + " as you, to help you.\nReason: " + why
                        + "\n\nSign in to approve or decline (the request expires in 15 minutes):\n" + link
                        + "\n\nNothing happens unless you approve.\n",
                link));
        audit.record(AuditRecord.success(
                        c.organizationId(), "REMOTE_ASSISTANCE_REQUESTED", "CUSTOMER", c.id(), c.auditLabel())
                .withDetail("reason: " + why));
        return new Start(null, Duration.ZERO, request);
    }

    /** The caller's latest request for the customer, as it stands now. */
    @Transactional(readOnly = true)
    public Optional<AssistanceRequest> latest(UUID customerId) {
        ConsoleUser caller = access.require(Permission.CUSTOMER_REMOTE_ASSIST);
        Customer c = customers.get(Permission.CUSTOMER_REMOTE_ASSIST, customerId);
        return repository.latestBy(TenantScope.internal(c.organizationId()), c.id(), caller.id());
    }

    /** Opens the assistance the customer approved (once, within 15 minutes of the approval). */
    @Transactional
    public Start openApproved(UUID customerId) {
        ConsoleUser caller = access.require(Permission.CUSTOMER_REMOTE_ASSIST);
        Customer c = customers.get(Permission.CUSTOMER_REMOTE_ASSIST, customerId);
        if (c.status() == CustomerStatus.DISABLED) {
            throw new ConflictException("The customer is disabled; remote assistance is not possible");
        }
        TenantScope scope = TenantScope.internal(c.organizationId());
        AssistanceRequest approved = repository
                .claimApproved(scope, c.id(), caller.id())
                .orElseThrow(() -> new ConflictException(
                        "There is no approval to use: the customer has not approved, or it is more than 15 minutes"
                                + " old. Ask again."));
        return open(
                c,
                caller.id(),
                caller.auditLabel(),
                approved.reason(),
                repository.policy(scope, c.organizationId()),
                "; approved by the customer");
    }

    private Start open(Customer c, UUID by, String byLabel, String why, AssistancePolicy policy, String note) {
        Duration validity = Duration.ofMinutes(policy.minutes());
        audit.record(
                AuditRecord.success(c.organizationId(), "REMOTE_ASSISTANCE_STARTED", "CUSTOMER", c.id(), c.auditLabel())
                        .withDetail("reason: " + why + "; for " + policy.minutes() + " minutes"
                                + (policy.readOnly() ? ", read-only" : "") + note));
        return new Start(sessions.openAssisted(c, by, byLabel, why, validity, policy.readOnly()), validity, null);
    }

    /** The requests waiting for the signed-in customer's answer (none while assisted). */
    @Transactional(readOnly = true)
    public List<AssistanceRequest> pending(AppUser user) {
        if (user.assisted()) {
            return List.of();
        }
        Customer c = user.customer();
        return repository.pending(TenantScope.internal(c.organizationId()), c.id());
    }

    /** The customer approves or declines; never the assisting console user in the customer's name. */
    @Transactional
    public AssistanceRequest answer(AppUser user, @Nullable UUID requestId, boolean approve) {
        if (user.assisted()) {
            throw new ForbiddenException("Only the customer answers a request for assistance");
        }
        Customer c = user.customer();
        if (requestId == null) {
            throw InvalidInputException.of("request", "Choose the request to answer");
        }
        AssistanceRequest answered = repository
                .answer(TenantScope.internal(c.organizationId()), c.id(), requestId, approve)
                .orElseThrow(() -> new NotFoundException("Request for assistance"));
        audit.record(AuditRecord.success(
                        c.organizationId(),
                        approve ? "REMOTE_ASSISTANCE_APPROVED" : "REMOTE_ASSISTANCE_DECLINED",
                        "CUSTOMER",
                        c.id(),
                        c.auditLabel())
                .byActor(c.id(), c.auditLabel())
                .withDetail("asked by " + answered.requestedByLabel() + "; reason: " + answered.reason()));
        return answered;
    }

    /** Who assisted the customer, when, why, and what was done on their behalf. */
    @Transactional(readOnly = true)
    public List<AuditEntry> history(AppUser user) {
        return audit.assistanceOf(
                user.customer().organizationId(), user.customer().id());
    }

    /** Requests unanswered, or approved and not opened, for 15 minutes expire; each instance audits the rows it ended. */
    @Scheduled(fixedDelayString = "${console.assistance.expiry-interval:PT1M}")
    @Transactional
    public int expireStale() {
        List<AssistanceRequest> expired = repository.expireStale();
        for (AssistanceRequest r : expired) {
            audit.record(new AuditRecord(
                    r.organizationId(),
                    "REMOTE_ASSISTANCE_EXPIRED",
                    "CUSTOMER",
                    r.customerId().toString(),
                    null,
                    io.iotconsole.audit.AuditOutcome.SUCCESS,
                    (r.answeredAt() == null ? "not answered" : "approved, not opened") + " within 15 minutes;"
                            + " asked by " + r.requestedByLabel() + "; reason: " + r.reason(),
                    null,
                    SYSTEM));
        }
        return expired.size();
    }
}
