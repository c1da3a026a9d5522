package io.iotconsole.customer;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.mail.MailLinks;
import io.iotconsole.mail.Mailer;
import io.iotconsole.mail.OutgoingMail;
import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.PasswordRules;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.SortColumns;
import io.iotconsole.shared.Tokens;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customers of the caller's organisation: lookup (customer.view), create, edit, set a password, disable and
 * enable (customer.manage). Another organisation's customer does not exist for the caller.
 */
@Service
public class Customers {
    /**
     * The lookup counts its matches up to this many; past it the answer says "more than 1,000" and asks for more
     * letters (a support agent looks up one caller, not a thousand).
     */
    static final long COUNT_CAP = 1_000;

    private final CustomerRepository repository;
    private final CustomerSessions sessions;
    private final Organizations organizations;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final PasswordEncoder passwords;
    private final Mailer mailer;
    private final MailLinks links;
    private final CustomerAppSettings apps;

    Customers(
            CustomerRepository repository,
            CustomerSessions sessions,
            Organizations organizations,
            AccessPolicy access,
            AuditLog audit,
            PasswordEncoder passwords,
            Mailer mailer,
            MailLinks links,
            CustomerAppSettings apps) {
        this.apps = apps;
        this.repository = repository;
        this.sessions = sessions;
        this.organizations = organizations;
        this.access = access;
        this.audit = audit;
        this.passwords = passwords;
        this.mailer = mailer;
        this.links = links;
    }

    /** The lookup's order as a request names it ({@code lastName}, {@code -email}, ...); another name is a 400. */
    public static SortColumns.Sort sorting(@Nullable String sort) {
        return CustomerRepository.SORTS.parse(sort);
    }

    /** A customer's devices' order as a request names it ({@code name}, {@code -serialNumber}, ...). */
    public static SortColumns.Sort deviceSorting(@Nullable String sort) {
        return CustomerRepository.DEVICE_SORTS.parse(sort);
    }

    /**
     * The lookup as one types: every customer whose first name, last name, e-mail or phone contains the text, ignoring
     * case, in the order asked (by last name when none is). The total is exact up to {@link #COUNT_CAP}; past it the
     * answer says so ({@code totalExact} false) and still pages through the matches.
     */
    @Transactional(readOnly = true)
    public CustomerLookup search(
            @Nullable String q, @Nullable UUID organizationId, @Nullable String sort, Paging paging) {
        SortColumns.Sort order = sorting(sort);
        TenantScope scope = access.scope(Permission.CUSTOMER_VIEW, organizationId);
        var found = repository.search(scope, normalise(q), order, paging.offset(), paging.size(), COUNT_CAP);
        return new CustomerLookup(
                found.items(), found.total(), found.exact(), paging.page(), paging.size(), found.hasNext());
    }

    /**
     * Control characters and surrounding blanks removed, at most 100 characters (never half of one). The case is left
     * to PostgreSQL's {@code lower()}, which lower-cases the stored text: Java's rules differ for some letters (a
     * capital dotted İ becomes two characters, a final sigma its own letter), and typed text lower-cased by them
     * would not be found in the stored text lower-cased by PostgreSQL.
     */
    static String normalise(@Nullable String q) {
        if (q == null) {
            return "";
        }
        String clean = q.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        return clean.codePointCount(0, clean.length()) > 100
                ? clean.substring(0, clean.offsetByCodePoints(0, 100))
                : clean;
    }

    public record Details(Customer customer, List<Location> locations, PageResult<Device> devices) {}

    @Transactional(readOnly = true)
    public Details details(UUID id, @Nullable String deviceSort, Paging devicePaging) {
        SortColumns.Sort order = deviceSorting(deviceSort);
        TenantScope scope = access.scope(Permission.CUSTOMER_VIEW);
        Customer c = inScope(scope, id);
        return new Details(
                c,
                repository.locations(scope, c.id()),
                new PageResult<>(
                        repository.devices(scope, c.id(), order, devicePaging.offset(), devicePaging.size()),
                        repository.countDevices(scope, c.id()),
                        devicePaging.page(),
                        devicePaging.size()));
    }

    @Transactional(readOnly = true)
    public Customer get(UUID id) {
        return get(Permission.CUSTOMER_VIEW, id);
    }

    /** A new customer, mailed a link to set their password in the app (24 hours, once). */
    @Transactional
    public Customer create(CustomerInput in, @Nullable UUID organizationId) {
        TenantScope scope = access.scope(Permission.CUSTOMER_MANAGE, organizationId);
        UUID org = organizations
                .find(scope.organizationId("organizationId"))
                .map(Organization::id)
                .orElseThrow(() -> new NotFoundException("Organisation"));
        CustomerInput clean = in.checked();
        UUID id = UUID.randomUUID();
        if (!repository.insert(scope, id, clean)) {
            throw InvalidInputException.of("email", "A customer with this e-mail address already exists");
        }
        Customer customer = repository.find(scope, id).orElseThrow();
        mailSetPasswordLink(customer);
        audit.record(AuditRecord.success(org, "CUSTOMER_CREATED", "CUSTOMER", id, customer.auditLabel()));
        return customer;
    }

    @Transactional
    public Customer update(UUID id, CustomerInput in) {
        TenantScope scope = access.scope(Permission.CUSTOMER_MANAGE);
        return update(scope, inScope(scope, id), in);
    }

    /**
     * The API's partial change: a field left out (null) keeps its value, an empty
     * phone or country code clears it; the fields given are checked and changed.
     * Needs customer.manage; another organisation's customer is a 404.
     */
    @Transactional
    public Customer change(UUID id, CustomerInput given) {
        TenantScope scope = access.scope(Permission.CUSTOMER_MANAGE);
        Customer before = inScope(scope, id);
        CustomerInput merged = new CustomerInput(
                given.firstName() != null ? given.firstName() : before.firstName(),
                given.lastName() != null ? given.lastName() : before.lastName(),
                given.email() != null ? given.email() : before.email(),
                given.countryCode() != null ? given.countryCode() : before.countryCode(),
                given.phone() != null ? given.phone() : before.phone());
        return update(scope, before, merged);
    }

    private Customer update(TenantScope scope, Customer before, CustomerInput in) {
        UUID id = before.id();
        CustomerInput clean = in.checked();
        if (!repository.update(scope, id, clean)) {
            throw InvalidInputException.of("email", "A customer with this e-mail address already exists");
        }
        Customer after = repository.find(scope, id).orElseThrow();
        audit.record(
                AuditRecord.success(before.organizationId(), "CUSTOMER_UPDATED", "CUSTOMER", id, after.auditLabel()));
        return after;
    }

    /** A console user sets the password (typed twice); every session and token of the customer ends. */
    @Transactional
    public void setPassword(UUID id, @Nullable String password, @Nullable String confirmation) {
        TenantScope scope = access.scope(Permission.CUSTOMER_MANAGE);
        Customer c = inScope(scope, id);
        checkNewPassword(password, confirmation);
        repository.setPassword(scope, c.id(), passwords.encode(password));
        sessions.closeAllOf(c, null);
        audit.record(AuditRecord.success(c.organizationId(), "CUSTOMER_PASSWORD_SET", "CUSTOMER", id, c.auditLabel())
                .withDetail("by a console user; every session and token of the customer ended"));
    }

    static void checkNewPassword(@Nullable String password, @Nullable String confirmation) {
        List<FieldProblem> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add(new FieldProblem("password", "Required"));
        } else {
            PasswordRules.problemWith(password).ifPresent(p -> problems.add(new FieldProblem("password", p)));
            if (!password.equals(confirmation)) {
                problems.add(new FieldProblem("confirmation", "The two passwords differ"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    @Transactional
    public Customer disable(UUID id) {
        return setStatus(id, CustomerStatus.DISABLED);
    }

    @Transactional
    public Customer enable(UUID id) {
        return setStatus(id, CustomerStatus.ENABLED);
    }

    private Customer setStatus(UUID id, CustomerStatus status) {
        TenantScope scope = access.scope(Permission.CUSTOMER_MANAGE);
        Customer c = inScope(scope, id);
        if (c.status() == status) {
            throw new ConflictException("The customer is already " + status);
        }
        repository.setStatus(scope, id, status);
        if (status == CustomerStatus.ENABLED) {
            sessions.closeAllOf(c, null); // none of the old sessions comes back
        }
        audit.record(AuditRecord.success(
                c.organizationId(),
                status == CustomerStatus.ENABLED ? "CUSTOMER_ENABLED" : "CUSTOMER_DISABLED",
                "CUSTOMER",
                id,
                c.auditLabel()));
        return repository.find(scope, id).orElseThrow();
    }

    java.util.Optional<Customer> byEmail(UUID organizationId, String email) {
        return repository.findByEmail(TenantScope.internal(organizationId), email);
    }

    /** The customer in the caller's scope for the permission: 403 without it, 404 outside the scope. */
    Customer get(Permission permission, UUID id) {
        return inScope(access.scope(permission), id);
    }

    /** The customer in the scope; another organisation's does not exist. */
    private Customer inScope(TenantScope scope, UUID id) {
        return repository.find(scope, id).orElseThrow(() -> new NotFoundException("Customer"));
    }

    /** The caller's scope for a permission, narrowed to the organisation named (the operator names any). */
    TenantScope scope(Permission permission, @Nullable UUID organizationId) {
        return access.scope(permission, organizationId);
    }

    /**
     * A forgotten password in the app: an enabled customer of the app at that address (its short name or account
     * number) is mailed a
     * link to choose a new password (once, within an hour); their older unused links stop working. Nothing happens for
     * an address that is no customer there; the caller answers the same either way (see {@link CustomerApp}).
     */
    @Transactional
    void mailPasswordReset(String appAddress, String email) {
        // one lookup finds the app and its organisation: an unknown and a known address cost the same queries
        Optional<AppBrand> brand = apps.atAddress(appAddress);
        Optional<Customer> found = brand.flatMap(
                        b -> repository.findByEmail(TenantScope.internal(b.organizationId()), email))
                .filter(c -> c.status() == CustomerStatus.ENABLED);
        if (found.isEmpty()) {
            return;
        }
        Customer customer = found.get();
        AppBrand app = brand.get();
        repository.revokeLinks(TenantScope.internal(customer.organizationId()), customer.id());
        String token = Tokens.newToken();
        repository.insertLink(Tokens.hash(token), customer, Instant.now().plus(1, ChronoUnit.HOURS));
        String link = links.baseUrl() + "/app/" + app.slug() + "/set-password?token=" + token;
        mailer.queue(new OutgoingMail(
                app.organizationId(),
                customer.email(),
                "Choose a new password for " + app.name(),
                "Hello " + customer.firstName() + ",\n\nsomeone, hopefully you, asked to choose a new password for your"
                        + " account in " + app.name() + ".\n\nChoose it"
                        + " here (the link works once, for one hour):\n" + link
                        + "\n\nIf you did not ask for this, ignore this mail; your password stays as it is.\n",
                link));
        audit.record(AuditRecord.success(
                        app.organizationId(),
                        "CUSTOMER_PASSWORD_RESET_REQUESTED",
                        "CUSTOMER",
                        customer.id(),
                        customer.auditLabel())
                .byActor(customer.id(), customer.auditLabel()));
    }

    private void mailSetPasswordLink(Customer customer) {
        String token = Tokens.newToken();
        repository.insertLink(Tokens.hash(token), customer, Instant.now().plus(24, ChronoUnit.HOURS));
        Organization org = organizations.find(customer.organizationId()).orElseThrow();
        AppBrand app = apps.of(org.id());
        String link = links.baseUrl() + "/app/" + app.slug() + "/set-password?token=" + token;
        mailer.queue(new OutgoingMail(
                org.id(),
                customer.email(),
                "Your " + org.name() + " account",
                "Hello " + customer.firstName() + ",\n\n" + org.name() + " has opened an account for you in its app "
                        + app.name() + ".\n\nSet your password here (the link works"
                        + " once, for 24 hours):\n" + link + "\n\nAfterwards sign in at " + links.baseUrl() + "/app/"
                        + app.slug()
                        + "/login with your e-mail and password.\n\nIf you did not expect this mail, ignore it.\n",
                link));
    }
}
