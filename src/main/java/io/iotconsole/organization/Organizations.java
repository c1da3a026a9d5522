package io.iotconsole.organization;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.SortColumns;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organisations: create, find within the caller's scope, list, activate. */
@Service
public class Organizations {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final OrganizationRepository repository;
    private final AccessPolicy access;
    private final AuditLog audit;

    Organizations(OrganizationRepository repository, AccessPolicy access, AuditLog audit) {
        this.repository = repository;
        this.access = access;
        this.audit = audit;
    }

    /**
     * Creates a top-level organisation in PENDING with a fresh, unique 8-digit account number. Callers check who
     * may do it (the operator, or an open sign-up); the organisation has no user yet.
     */
    @Transactional
    public Organization createTopLevel(CompanyData data) {
        return insert(data, null);
    }

    /**
     * Creates a sub-organisation (PENDING) under a top-level organisation; sub-organisations are one level deep.
     * The calling use case checks the caller's permission on the parent.
     */
    @Transactional
    public Organization createSub(UUID parentId, CompanyData data) {
        Organization parent = repository.find(parentId).orElseThrow(() -> new NotFoundException("Organisation"));
        if (parent.parentId() != null) {
            throw new ConflictException("A sub-organisation cannot have sub-organisations of its own");
        }
        return insert(data, parent.id());
    }

    private Organization insert(CompanyData data, @Nullable UUID parentId) {
        CompanyData clean = data.trimmed();
        clean.validate();
        UUID id = UUID.randomUUID();
        // Random rather than sequential, so account numbers do not reveal how many accounts exist.
        while (!repository.insert(id, String.valueOf(10_000_000 + RANDOM.nextInt(90_000_000)), clean, parentId)) {
            // taken: draw another
        }
        return repository.find(id).orElseThrow();
    }

    /**
     * One organisation the caller may see (organisation.view): their own and its sub-organisations (any, for the
     * operator); 404 otherwise.
     */
    @Transactional(readOnly = true)
    public Organization get(UUID id) {
        TenantScope scope = access.scope(Permission.ORGANISATION_VIEW);
        return repository
                .findVisible(scope, id)
                .map(o -> asSeenFrom(scope, o))
                .orElseThrow(() -> new NotFoundException("Organisation"));
    }

    /** Without a permission check: for the module's own internal use (account numbers, sign-up, mail text). */
    @Transactional(readOnly = true)
    public Optional<Organization> find(UUID id) {
        return repository.find(id);
    }

    @Transactional(readOnly = true)
    public Optional<Organization> findByAccountNumber(String accountNumber) {
        return repository.findByAccountNumber(accountNumber);
    }

    /** The operator sees every organisation; everyone else with organisation.view their own and its subs. */
    @Transactional(readOnly = true)
    public List<Organization> visible() {
        TenantScope scope = access.scope(Permission.ORGANISATION_VIEW);
        return repository.findVisible(scope).stream()
                .map(o -> asSeenFrom(scope, o))
                .toList();
    }

    /** The Organisations table's order as a request names it ({@code name}, {@code -createdAt}, ...). */
    public static SortColumns.Sort sorting(@Nullable String sort) {
        return OrganizationRepository.SORTS.parse(sort);
    }

    /** A page of {@link #visible()}, in the order asked (newest first when none is). */
    @Transactional(readOnly = true)
    public PageResult<Organization> visible(@Nullable String sort, Paging paging) {
        SortColumns.Sort order = sorting(sort);
        TenantScope scope = access.scope(Permission.ORGANISATION_VIEW);
        List<Organization> items = repository.findVisible(scope, order, paging.offset(), paging.size()).stream()
                .map(o -> asSeenFrom(scope, o))
                .toList();
        return new PageResult<>(items, repository.countVisible(scope), paging.page(), paging.size());
    }

    /** The parent sees its sub-organisations' name, status and account number, never their company data. */
    private static Organization asSeenFrom(TenantScope scope, Organization org) {
        return scope.includes(org.id()) ? org : org.withoutCompanyData();
    }

    /**
     * The organisation's family without a permission check: its top-level organisation first, then that one's
     * sub-organisations.
     */
    @Transactional(readOnly = true)
    public List<Organization> familyOf(Organization org) {
        return repository.findFamily(org.parentId() != null ? org.parentId() : org.id());
    }

    /**
     * Locks the family's top-level organisation until the transaction ends. Changes to which organisation of a
     * family owns what (SIM transfers, deleting a sub-organisation) take this lock first, so they run one at a
     * time per family.
     */
    @Transactional
    public void lockFamily(Organization org) {
        repository.lock(org.parentId() != null ? org.parentId() : org.id());
    }

    /** Removes the organisation's own row; the calling use case has removed what refers to it. */
    @Transactional
    public void delete(UUID id) {
        repository.delete(id);
    }

    /**
     * The organisation's own account (account.view): the caller's organisation, never another's, not even a
     * sub-organisation's (its company data is its own); the operator names any. 404 otherwise.
     */
    @Transactional(readOnly = true)
    public Organization account(@Nullable UUID organizationId) {
        TenantScope scope = access.scope(Permission.ACCOUNT_VIEW, organizationId);
        UUID id = scope.organizationId("organizationId");
        return repository.findInScope(scope, id).orElseThrow(() -> new NotFoundException("Organisation"));
    }

    /**
     * Replaces the company data of the caller's organisation (account.company: Owner and Admin; the operator names
     * any organisation), checked as when it was created, every problem named by its field; audited with the fields
     * that changed.
     */
    @Transactional
    public Organization updateCompanyData(@Nullable UUID organizationId, CompanyData data) {
        TenantScope scope = access.scope(Permission.ACCOUNT_COMPANY, organizationId);
        UUID id = scope.organizationId("organizationId");
        Organization before =
                repository.findInScope(scope, id).orElseThrow(() -> new NotFoundException("Organisation"));
        CompanyData clean = data.trimmed();
        clean.validate();
        if (!repository.updateCompanyData(scope, id, clean)) {
            throw new NotFoundException("Organisation");
        }
        Organization after = repository.findInScope(scope, id).orElseThrow();
        List<String> changed = new ArrayList<>();
        compare(changed, "name", before.name(), after.name());
        compare(changed, "legal name", before.legalName(), after.legalName());
        compare(changed, "address", before.address(), after.address());
        compare(changed, "billing address", before.billingAddress(), after.billingAddress());
        compare(changed, "shipping address", before.shippingAddress(), after.shippingAddress());
        audit.record(AuditRecord.success(id, "ORGANIZATION_UPDATED", "ORGANIZATION", id, after.name())
                .withDetail(
                        changed.isEmpty() ? "company data saved unchanged" : "changed " + String.join(", ", changed)));
        return after;
    }

    private static void compare(List<String> changed, String field, @Nullable String before, @Nullable String after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    /** The first Owner has set a password: the organisation goes live. */
    @Transactional
    public void activateIfPending(UUID id) {
        repository.activateIfPending(id);
    }
}
