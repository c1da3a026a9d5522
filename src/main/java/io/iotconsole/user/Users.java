package io.iotconsole.user;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.mail.Mailer;
import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.ApiScope;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.security.Permission;
import io.iotconsole.security.Role;
import io.iotconsole.security.SessionTerminator;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.SortColumns;
import io.iotconsole.shared.WriteBatch;
import io.iotconsole.sim.SimGroups;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Console and API users of an organisation: list, read, create, edit. Lifecycle actions are in {@link UserLifecycle}. */
@Service
public class Users {
    public static final String EMAIL_TAKEN = "This e-mail address is already taken";
    static final String GROUP_REQUIRED =
            "Choose at least one SIM group: a Group user sees and manages only the SIMs of their groups";
    private final UserRepository repository;
    private final Organizations organizations;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final UserLinks links;
    private final PasswordEncoder passwords;
    private final Mailer mailer;
    private final UserMails mails;
    private final SessionTerminator sessions;
    private final SimGroups simGroups;

    private final WriteBatch writes;
    private final ApiCredentialRepository credentials;
    private final java.time.Clock clock;

    Users(
            UserRepository repository,
            Organizations organizations,
            AccessPolicy access,
            AuditLog audit,
            UserLinks links,
            PasswordEncoder passwords,
            Mailer mailer,
            UserMails mails,
            SessionTerminator sessions,
            SimGroups simGroups,
            WriteBatch writes,
            ApiCredentialRepository credentials,
            java.time.Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
        this.writes = writes;
        this.sessions = sessions;
        this.simGroups = simGroups;
        this.mailer = mailer;
        this.mails = mails;
        this.repository = repository;
        this.organizations = organizations;
        this.access = access;
        this.audit = audit;
        this.links = links;
        this.passwords = passwords;
    }

    /** The Users table's order as a request names it ({@code name}, {@code -lastSignIn}, ...); another is a 400. */
    public static SortColumns.Sort sorting(@Nullable String sort) {
        return UserRepository.SORTS.parse(sort);
    }

    /** Needs user.view; the organisation must be the caller's own (any, for the operator). */
    @Transactional(readOnly = true)
    public PageResult<User> list(UUID organizationId, @Nullable String query, @Nullable String sort, Paging paging) {
        SortColumns.Sort order = sorting(sort);
        TenantScope scope = access.scope(Permission.USER_VIEW, organizationId);
        String q = query == null ? "" : query.strip();
        String like = q.isEmpty()
                ? ""
                : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return new PageResult<>(
                repository.search(scope, like, order, paging.offset(), paging.size()),
                repository.count(scope, like),
                paging.page(),
                paging.size());
    }

    /** One user of the caller's organisation (404 otherwise); needs user.view unless it is the caller. */
    @Transactional(readOnly = true)
    public User get(UUID id) {
        ConsoleUser caller = CurrentUser.get();
        User user = loadInScope(id);
        if (!user.id().equals(caller.id())) {
            access.require(Permission.USER_VIEW);
        }
        return user;
    }

    /** The SIM groups of a Group user, empty for every other role; for a user the caller already sees. */
    @Transactional(readOnly = true)
    public Set<UUID> groupIdsOf(User user) {
        UUID org = user.organizationId();
        return user.role() == Role.GROUP_USER && org != null ? simGroups.assignedTo(org, user.id()) : Set.of();
    }

    /**
     * Creates a user in the caller's organisation (the operator names one). Needs the user.manage permission of the
     * new user's role. Console users start INVITED with an activation mail; API users start ACTIVE with their secret.
     */
    @Transactional
    public User create(NewUser in) {
        ConsoleUser caller = CurrentUser.get();
        UserInput input = new UserInput();
        Role role = input.role(in.role());
        if (role != null) {
            access.requireCreateUser(role);
        }
        Organization org = targetOrganization(in.organizationId(), input);
        boolean api = role == Role.API_USER;
        String first = input.name("firstName", in.firstName(), !api);
        String last = input.name("lastName", in.lastName(), !api);
        String email = api ? null : input.email(in.email());
        String[] phone = input.phone(in.countryCode(), in.mobileNumber());
        String description = input.description(in.description());
        var dashboards = in.dashboards() == null ? EnumSet.allOf(Dashboard.class) : input.dashboards(in.dashboards());
        String clientId = null;
        String secret = null;
        Set<ApiScope> scopes = Set.of();
        Instant expiry = null;
        if (!api
                && (in.scopes() != null && !in.scopes().isEmpty()
                        || in.expiresAt() != null && !in.expiresAt().isBlank())) {
            input.add(in.scopes() != null ? "scopes" : "expiresAt", "Only API users have scopes and an expiry");
        }
        if (api) {
            var problems = new java.util.ArrayList<FieldProblem>();
            scopes = in.scopes() == null
                    ? ApiScope.allHeldBy(Role.API_USER)
                    : ApiCredentials.parseScopes(in.scopes(), problems);
            expiry = in.expiresAt() == null
                    ? null
                    : ApiCredentials.parseExpiry(in.expiresAt(), clock.instant(), problems);
            problems.forEach(p -> input.add(p.field(), p.message()));
            String suffix = input.clientIdSuffix(in.clientIdSuffix());
            secret = input.secret("clientSecret", in.clientSecret());
            if (suffix != null && org != null) {
                clientId = org.accountNumber() + "_" + suffix;
                if (repository.clientIdTaken(clientId)) {
                    input.add("clientIdSuffix", "This client id is already taken");
                }
            }
        }
        if (role == Role.GROUP_USER && (in.groupIds() == null || in.groupIds().isEmpty())) {
            input.add("groupIds", GROUP_REQUIRED);
        }
        input.texts(in);
        // With other problems to report, say whether the address is taken too; otherwise the unique index answers.
        if (email != null && !input.problems().isEmpty() && repository.emailTaken(email, null)) {
            input.add("email", EMAIL_TAKEN);
        }
        input.throwIfAny();
        User user = new User(
                UUID.randomUUID(),
                Objects.requireNonNull(org).id(),
                Objects.requireNonNull(role),
                first == null ? Objects.requireNonNull(clientId) : first,
                last == null ? "" : last,
                email,
                clientId,
                phone[0],
                phone[1],
                description,
                dashboards,
                api ? UserStatus.ACTIVE : UserStatus.INVITED,
                Instant.now(),
                null);
        String hash = api ? passwords.encode(Objects.requireNonNull(secret)) : null;
        Set<ApiScope> grantedScopes = scopes;
        Instant finalExpiry = expiry;
        // The user row, its audit entry (and webhook event), the activation link and its mail reach the database in
        // one round trip; a taken address fails the first of them, and the unique index's answer becomes the field's.
        try {
            writes.together(() -> {
                repository.insert(user, hash);
                audit.record(AuditRecord.success(org.id(), "USER_CREATED", "USER", user.id(), user.auditLabel())
                        .withDetail("role " + role.name()
                                + (api ? ", scopes " + ApiScope.format(grantedScopes) : "")
                                + (finalExpiry != null ? ", expires " + finalExpiry : "")));
                if (!api) {
                    links.sendActivation(user, org, UserLinks.ActivationMail.INVITATION);
                }
            });
        } catch (DuplicateKeyException e) {
            throw InvalidInputException.of(
                    api ? "clientIdSuffix" : "email", api ? "This client id is already taken" : EMAIL_TAKEN);
        }
        // These read before they write, so they follow the batch that wrote the user.
        if (role == Role.GROUP_USER || (in.groupIds() != null && !in.groupIds().isEmpty())) {
            assignGroups(user.organizationId(), user.id(), role, in.groupIds());
        }
        List<String> storedScopes = ApiCredentials.codes(scopes, ApiScope.allHeldBy(Role.API_USER));
        if (api && (storedScopes != null || expiry != null)) {
            credentials.saveSettings(user.id(), org.id(), storedScopes, expiry);
        }
        return user;
    }

    /**
     * The first Owner of a new organisation, invited by the operator's organisation wizard or by sign-up. No
     * permission check here: the calling use case has made it.
     */
    @Transactional
    public User inviteFirstOwner(Organization org, String firstName, String lastName, String email) {
        var problems = ownerProblems(firstName, lastName, email);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        User user = new User(
                UUID.randomUUID(),
                org.id(),
                Role.OWNER,
                firstName.strip(),
                lastName.strip(),
                email.strip(),
                null,
                null,
                null,
                null,
                EnumSet.allOf(Dashboard.class),
                UserStatus.INVITED,
                Instant.now(),
                null);
        try {
            repository.insert(user, null);
        } catch (DuplicateKeyException e) {
            throw InvalidInputException.of("owner.email", EMAIL_TAKEN);
        }
        audit.record(AuditRecord.success(org.id(), "USER_CREATED", "USER", user.id(), user.auditLabel())
                .withDetail("role OWNER (first Owner)"));
        links.sendActivation(user, org, UserLinks.ActivationMail.INVITATION);
        return user;
    }

    /**
     * Mails the first Owner of a PENDING organisation a fresh activation link; the older link stops working. No
     * permission check here: the calling use case has made it. Refused while no Owner waits for a link.
     */
    @Transactional
    public User resendFirstOwnerInvitation(Organization org) {
        User owner = ownerOf(org.id())
                .filter(u -> u.status() == UserStatus.INVITED)
                .orElseThrow(() -> new io.iotconsole.shared.ConflictException(
                        "No Owner of " + org.name() + " is waiting for an invitation"));
        links.sendActivation(owner, org, UserLinks.ActivationMail.RESENT);
        return owner;
    }

    /** Problems with a new organisation's Owner, named {@code owner.firstName} and so on, without writing anything. */
    @Transactional(readOnly = true)
    public List<FieldProblem> ownerProblems(
            @Nullable String firstName, @Nullable String lastName, @Nullable String email) {
        UserInput input = new UserInput();
        input.name("firstName", firstName, true);
        input.name("lastName", lastName, true);
        String mail = input.email(email);
        if (mail != null && repository.emailTaken(mail, null)) {
            input.add("email", EMAIL_TAKEN);
        }
        return input.problems().stream()
                .map(p -> new FieldProblem("owner." + p.field(), p.message()))
                .toList();
    }

    /** The first Owner of an organisation, for the organisation lists (no permission check: names only). */
    @Transactional(readOnly = true)
    public Optional<User> ownerOf(UUID organizationId) {
        return repository
                .owner(organizationId)
                .flatMap(id -> repository.find(TenantScope.internal(organizationId), id));
    }

    /**
     * Deletes every user of an organisation that is itself being deleted, ending their sessions and tokens. No
     * permission check here: the calling use case has made it. The audit log keeps the record.
     */
    @Transactional
    public int deleteAllOf(UUID organizationId) {
        List<UUID> ids = repository.idsOf(organizationId);
        ids.forEach(sessions::endAllSessionsOf);
        repository.deleteAllOf(organizationId);
        return ids.size();
    }

    /** Mails the holder of an address that someone tried to sign up with it; the sign-up page says nothing. */
    @Transactional
    public void notifySignupWithTakenAddress(String email) {
        mailer.queue(mails.signupForTakenAddress(email.strip()));
    }

    /** Whether an address is free; for sign-up, which must not reveal the answer to the person signing up. */
    @Transactional(readOnly = true)
    public boolean emailTaken(String email) {
        return repository.emailTaken(email.strip(), null);
    }

    /** Edits a user; needs the right to administer both the user's current and (if changed) new role. */
    @Transactional
    public User update(UUID id, UserChanges in) {
        User user = loadInScope(id);
        access.requireAdminister(user.role());
        UserInput input = new UserInput();
        Role role = in.role() == null ? user.role() : input.role(in.role());
        if (role != null && role != user.role()) {
            access.requireCreateUser(role);
            if ((role == Role.API_USER) != (user.role() == Role.API_USER)) {
                input.add("role", "An API user cannot become a console user, nor the other way round");
            }
        }
        boolean api = user.role() == Role.API_USER;
        String first = in.firstName() == null ? user.firstName() : input.name("firstName", in.firstName(), !api);
        String last = in.lastName() == null ? user.lastName() : input.name("lastName", in.lastName(), !api);
        String email = user.email();
        if (in.email() != null && !api) {
            email = input.email(in.email());
            if (email != null && repository.emailTaken(email, user.id())) {
                input.add("email", EMAIL_TAKEN);
            }
        }
        String[] phone = in.countryCode() == null && in.mobileNumber() == null
                ? new String[] {user.countryCode(), user.mobileNumber()}
                : input.phone(in.countryCode(), in.mobileNumber());
        String description = in.description() == null ? user.description() : input.description(in.description());
        var dashboards = in.dashboards() == null ? user.dashboards() : input.dashboards(in.dashboards());
        String secret = in.clientSecret() == null || !api ? null : input.secret("clientSecret", in.clientSecret());
        if (role == Role.GROUP_USER) {
            // the groups the user would be saved with: those sent, else (the role unchanged) those assigned today
            Set<UUID> groups = in.groupIds() != null
                    ? in.groupIds()
                    : role == user.role()
                            ? simGroups.assignedTo(Objects.requireNonNull(user.organizationId()), user.id())
                            : Set.of();
            if (groups.isEmpty()) {
                input.add("groupIds", GROUP_REQUIRED);
            }
        }
        input.texts(in);
        input.throwIfAny();
        User changed = new User(
                user.id(),
                user.organizationId(),
                Objects.requireNonNull(role),
                first == null ? user.firstName() : first,
                last == null ? "" : last,
                email,
                user.clientId(),
                phone[0],
                phone[1],
                description,
                dashboards,
                user.status(),
                user.createdAt(),
                user.lastSignInAt());
        try {
            repository.update(changed);
        } catch (DuplicateKeyException e) {
            throw InvalidInputException.of("email", EMAIL_TAKEN);
        }
        if (secret != null) {
            repository.setPassword(user.id(), passwords.encode(secret));
            credentials.forgetPrevious(user.id());
        }
        if (role != user.role() || in.groupIds() != null) {
            assignGroups(user.organizationId(), user.id(), role, in.groupIds() == null ? Set.of() : in.groupIds());
        }
        audit.record(AuditRecord.success(user.organizationId(), "USER_UPDATED", "USER", user.id(), changed.auditLabel())
                .withDetail(
                        role != user.role()
                                ? "role " + user.role() + " -> " + role
                                : secret != null ? "secret rotated" : null));
        return changed;
    }

    /** Only Group users have SIM groups; any other role has none. */
    private void assignGroups(@Nullable UUID organizationId, UUID userId, Role role, @Nullable Set<UUID> groupIds) {
        Set<UUID> wanted = groupIds == null ? Set.of() : groupIds;
        if (role != Role.GROUP_USER && !wanted.isEmpty()) {
            throw InvalidInputException.of("groupIds", "Only Group users are assigned SIM groups");
        }
        simGroups.assignToUser(Objects.requireNonNull(organizationId), userId, wanted);
    }

    User loadInScope(UUID id) {
        User user = repository.find(access.ownScope(), id).orElseThrow(() -> new NotFoundException("User"));
        if (user.role() == Role.OPERATOR && !CurrentUser.get().id().equals(id)) {
            throw new NotFoundException("User");
        }
        return user;
    }

    /** The organisation a new user joins: the caller's own; the operator names one. */
    private @Nullable Organization targetOrganization(@Nullable UUID requested, UserInput input) {
        UUID org = access.ownScope().narrowedTo(requested).organizationIdOrNull();
        if (org == null) {
            input.add("organizationId", "Choose the organisation");
            return null;
        }
        return organizations.find(org).orElseThrow(() -> new NotFoundException("Organisation"));
    }
}
