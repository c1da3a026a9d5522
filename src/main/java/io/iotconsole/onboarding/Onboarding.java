package io.iotconsole.onboarding;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.order.SimOrder;
import io.iotconsole.order.SimOrders;
import io.iotconsole.organization.Organization;
import io.iotconsole.organization.OrganizationStatus;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.AfterAnswer;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.TextFields;
import io.iotconsole.sim.SimCards;
import io.iotconsole.user.User;
import io.iotconsole.user.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/** Creates organisations with their first Owner, who receives the activation mail. */
@Service
public class Onboarding {
    private final Organizations organizations;
    private final Users users;
    private final AuditLog audit;
    private final AccessPolicy access;
    private final SimCards sims;
    private final SimOrders orders;
    private final AfterAnswer afterAnswer;
    private final TransactionOperations transactions;
    private final boolean signupEnabled;

    Onboarding(
            Organizations organizations,
            Users users,
            AuditLog audit,
            AccessPolicy access,
            SimCards sims,
            SimOrders orders,
            @Value("${console.signup-enabled}") boolean signupEnabled,
            AfterAnswer afterAnswer,
            TransactionOperations transactions) {
        this.organizations = organizations;
        this.users = users;
        this.audit = audit;
        this.access = access;
        this.sims = sims;
        this.orders = orders;
        this.signupEnabled = signupEnabled;
        this.afterAnswer = afterAnswer;
        this.transactions = transactions;
    }

    /**
     * A new organisation with its first Owner, who is mailed an activation link; it is PENDING until that Owner has
     * set a password. The platform operator creates top-level organisations; an Owner or Admin of a top-level
     * organisation (organisation.create) creates sub-organisations of their own.
     */
    @Transactional
    public Organization create(NewOrganization in) {
        // the operator creates top-level organisations; everyone else sub-organisations of their own
        UUID parent = access.scope(Permission.ORGANISATION_CREATE).organizationIdOrNull();
        NewOrganization.Owner owner = in.ownerOrEmpty();
        List<FieldProblem> problems = new ArrayList<>(in.company().problems());
        problems.addAll(users.ownerProblems(owner.firstName(), owner.lastName(), owner.email()));
        TextFields.addMissing(in, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Organization org = parent == null
                ? organizations.createTopLevel(in.company())
                : organizations.createSub(parent, in.company());
        users.inviteFirstOwner(org, owner.firstName(), owner.lastName(), owner.email());
        UUID auditedIn = org.parentId() != null ? org.parentId() : org.id();
        audit.record(AuditRecord.success(auditedIn, "ORGANIZATION_CREATED", "ORGANIZATION", org.id(), org.name())
                .withDetail(
                        (org.parentId() != null ? "sub-organisation, account " : "account ") + org.accountNumber()));
        return org;
    }

    /**
     * Deletes a sub-organisation of the caller's organisation (organisation.delete; the operator: any
     * sub-organisation). Refused, saying why, unless it is ACTIVE, has no open order, no SIM action still running and
     * owns no SIMs. Its users go with it; the audit
     * log keeps the record.
     */
    @Transactional
    public void deleteSubOrganization(UUID id) {
        TenantScope scope = access.scope(Permission.ORGANISATION_DELETE);
        Organization org = organizations
                .find(id)
                .filter(o -> o.parentId() != null)
                .filter(o -> scope.includes(o.parentId()))
                .orElseThrow(() -> new NotFoundException("Sub-organisation"));
        if (org.status() != OrganizationStatus.ACTIVE) {
            throw new ConflictException("Only an ACTIVE sub-organisation can be deleted; this one is " + org.status()
                    + " until its Owner sets a password");
        }
        organizations.lockFamily(org);
        List<SimOrder> open = orders.openOrdersOf(org.id());
        if (!open.isEmpty()) {
            throw new ConflictException("The sub-organisation has " + open.size() + " open order"
                    + (open.size() == 1 ? "" : "s") + " (order " + open.get(0).number()
                    + (open.size() == 1 ? "" : " and more") + "); the platform operator fulfils or cancels "
                    + (open.size() == 1 ? "it" : "them") + " first");
        }
        sims.clearEmptyInventoryOf(org.id());
        orders.deleteClosedOrdersOf(org.id());
        int users = this.users.deleteAllOf(org.id());
        organizations.delete(org.id());
        audit.record(AuditRecord.success(org.parentId(), "ORGANIZATION_DELETED", "ORGANIZATION", org.id(), org.name())
                .withDetail("sub-organisation, account " + org.accountNumber() + ", with " + users + " users"));
    }

    /**
     * Sends the Owner of a PENDING organisation a new activation link, the old one voided: for the parent's Owners
     * and Admins (organisation.create) a sub-organisation of theirs, for the operator any organisation. Refused, saying
     * why, once the organisation is ACTIVE.
     */
    @Transactional
    public User resendOwnerInvitation(UUID id) {
        TenantScope scope = access.scope(Permission.ORGANISATION_CREATE);
        Organization org = organizations.get(id);
        if (!scope.coversEveryOrganization() && (org.parentId() == null || !scope.includes(org.parentId()))) {
            throw new ConflictException("Only the Owner of a PENDING sub-organisation is re-invited here");
        }
        if (org.status() != OrganizationStatus.PENDING) {
            throw new ConflictException(org.name() + " is already ACTIVE: its Owner has set a password");
        }
        Organization full = organizations.find(id).orElseThrow();
        User owner = users.resendFirstOwnerInvitation(full);
        UUID auditedIn = org.parentId() != null ? org.parentId() : org.id();
        audit.record(AuditRecord.success(auditedIn, "OWNER_INVITATION_RESENT", "USER", owner.id(), owner.auditLabel())
                .withDetail("Owner of " + org.name() + ", account " + org.accountNumber()));
        return owner;
    }

    public boolean signupEnabled() {
        return signupEnabled;
    }

    /**
     * Self-service sign-up. Answers the same, in words and in time, whether or not the address is free: once the
     * input is checked, the rest is done beside the answer — when the address is taken its holder is mailed instead
     * and nothing is created.
     */
    public void signUp(NewOrganization in) {
        if (!signupEnabled) {
            throw new NotFoundException("Sign-up");
        }
        NewOrganization.Owner owner = in.ownerOrEmpty();
        List<FieldProblem> problems = new ArrayList<>(in.company().problems());
        problems.addAll(users.ownerProblems(owner.firstName(), owner.lastName(), owner.email()).stream()
                .filter(p -> !p.message().equals(Users.EMAIL_TAKEN))
                .toList());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        afterAnswer.run("A sign-up", () -> transactions.executeWithoutResult(status -> createOrNotify(in, owner)));
    }

    private void createOrNotify(NewOrganization in, NewOrganization.Owner owner) {
        if (users.emailTaken(String.valueOf(owner.email()))) {
            users.notifySignupWithTakenAddress(String.valueOf(owner.email()));
            return;
        }
        Organization org = organizations.createTopLevel(in.company());
        var user = users.inviteFirstOwner(org, owner.firstName(), owner.lastName(), owner.email());
        audit.record(AuditRecord.success(org.id(), "SIGNUP", "ORGANIZATION", org.id(), org.name())
                .byActor(user.id(), user.auditLabel())
                .withDetail("account " + org.accountNumber()));
    }

    /** Organisations the caller may see, each with its Owner. */
    @Transactional(readOnly = true)
    public List<OrganizationSummary> visible() {
        List<Organization> visible = organizations.visible();
        Map<UUID, Long> simCounts =
                sims.countByOrganization(visible.stream().map(Organization::id).toList());
        return visible.stream()
                .map(o -> new OrganizationSummary(
                        o, users.ownerOf(o.id()).orElse(null), simCounts.getOrDefault(o.id(), 0L)))
                .toList();
    }

    /** Whether the caller's own organisation is a top-level one (which may have sub-organisations). */
    @Transactional(readOnly = true)
    public boolean ownIsTopLevel() {
        UUID own = access.ownScope().organizationIdOrNull();
        return own != null && organizations.get(own).parentId() == null;
    }

    /** A page of the organisations the caller may see, each with its Owner, in the order asked. */
    @Transactional(readOnly = true)
    public PageResult<OrganizationSummary> visible(@Nullable String sort, Paging paging) {
        PageResult<Organization> page = organizations.visible(sort, paging);
        Map<UUID, Long> simCounts = sims.countByOrganization(
                page.items().stream().map(Organization::id).toList());
        return page.map(o ->
                new OrganizationSummary(o, users.ownerOf(o.id()).orElse(null), simCounts.getOrDefault(o.id(), 0L)));
    }

    @Transactional(readOnly = true)
    public OrganizationSummary get(UUID id) {
        Organization org = organizations.get(id);
        long simCount = sims.countByOrganization(List.of(org.id())).getOrDefault(org.id(), 0L);
        return new OrganizationSummary(org, users.ownerOf(org.id()).orElse(null), simCount);
    }
}
