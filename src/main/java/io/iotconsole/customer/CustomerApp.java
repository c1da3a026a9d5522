package io.iotconsole.customer;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditOutcome;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.AfterAnswer;
import io.iotconsole.security.ResetMailThrottle;
import io.iotconsole.security.SignInAttempts;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.TextFields;
import io.iotconsole.shared.Tokens;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The customer app's use cases: signing in (e-mail, password and the organisation's account number), the signed-in
 * customer's own locations and devices, changing their password, setting it from the mailed link, and remote
 * assistance opened by a console user.
 */
@Service
public class CustomerApp {
    static final String WRONG = "Wrong e-mail, password or account number.";
    static final String WRONG_AT_ADDRESS = "Wrong e-mail or password.";
    static final String ASSISTED = "During remote assistance the customer's password cannot be changed; the customer"
            + " changes it themselves.";
    static final String RESET_SENT = "If the e-mail belongs to an account of this app, a link to choose a new password"
            + " is on its way. It works once, for one hour.";
    private static final UUID NOBODY = new UUID(0, 0);
    private final CustomerRepository customers;
    private final CustomerSessions sessions;
    private final Organizations organizations;
    private final PasswordEncoder passwords;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Customers management;
    private final SignInAttempts attempts;
    private final TransactionOperations transactions;
    private final AfterAnswer afterAnswer;
    private final CustomerAppSettings apps;
    private final ResetMailThrottle resetMails;
    private volatile @Nullable String dummyHash;

    CustomerApp(
            CustomerRepository customers,
            CustomerSessions sessions,
            Organizations organizations,
            PasswordEncoder passwords,
            AccessPolicy access,
            AuditLog audit,
            Customers management,
            SignInAttempts attempts,
            TransactionOperations transactions,
            AfterAnswer afterAnswer,
            CustomerAppSettings apps,
            ResetMailThrottle resetMails) {
        this.apps = apps;
        this.resetMails = resetMails;
        this.customers = customers;
        this.sessions = sessions;
        this.organizations = organizations;
        this.passwords = passwords;
        this.access = access;
        this.audit = audit;
        this.management = management;
        this.attempts = attempts;
        this.transactions = transactions;
        this.afterAnswer = afterAnswer;
    }

    /** Refused sign-ins and requests of a disabled customer: the message says why. */
    public static class DisabledException extends RuntimeException {
        DisabledException(String organization) {
            super("This account is disabled. Contact " + organization + " to have it enabled again.");
        }
    }

    public static class SignInFailedException extends RuntimeException {
        SignInFailedException(String message) {
            super(message);
        }
    }

    /**
     * Answers a new session token; the account is said to be disabled only to someone who knows its password. Known
     * and unknown e-mails take the same path: the attempt is counted first (outside any transaction, so that parallel
     * attempts see each other's counts), one password hash is checked (a dummy one when there is no customer or no
     * password yet), and every refusal is audited.
     */
    public String signIn(
            @Nullable String appAddress,
            @Nullable String email,
            @Nullable String password,
            boolean mobile,
            @Nullable String address) {
        return signIn(appAddress, email, password, mobile, address, WRONG);
    }

    /**
     * Signing in with the app known from its address ({@code /app/<short name>}, or the mobile app's {@code app}):
     * the refusal {@code wrong} then speaks of the e-mail and password only, the same for another organisation's
     * customer as for a wrong password.
     */
    String signIn(
            @Nullable String appAddress,
            @Nullable String email,
            @Nullable String password,
            boolean mobile,
            @Nullable String address,
            String wrong) {
        // an app address or e-mail address that none can have (over-long, control characters) finds no one,
        // and is neither looked up as typed nor written to the log
        boolean plausible = appAddress != null
                && email != null
                && TextFields.problem(appAddress.strip(), 40, false) == null
                && TextFields.problem(email.strip(), 254, false) == null;
        String typed = plausible ? email.strip() : "";
        Optional<Organization> org = !plausible || appAddress.isBlank()
                ? Optional.empty()
                : apps.atAddress(appAddress).flatMap(app -> organizations.find(app.organizationId()));
        // the same queries whether or not the organisation and the customer exist (the nil id finds no row)
        UUID orgId = org.map(Organization::id).orElse(NOBODY);
        Optional<Customer> customer =
                typed.isEmpty() ? Optional.empty() : customers.findByEmail(TenantScope.internal(orgId), typed);
        SignInAttempts.Attempt attempt;
        try {
            // counted per organisation and address, like the console's sign-in; a lock says nothing about the account
            // (by the organisation, so that its short name and its account number count as one)
            String where = org.map(o -> o.id().toString()).orElse(plausible ? appAddress.strip() : "");
            attempt = attempts.begin(
                    "customer:" + where + ":"
                            + (email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT)),
                    address);
        } catch (LockedException e) {
            audit.recordIndependently(refusal(org, customer, typed, "locked after repeated failures"));
            throw e;
        }
        // then one hash check either way: a dummy one when there is no customer or no password yet
        String hash = customers
                .passwordHash(
                        TenantScope.internal(orgId), customer.map(Customer::id).orElse(NOBODY))
                .orElse(null);
        boolean matches = passwords.matches(password == null ? "" : password, hash == null ? dummyHash() : hash)
                && hash != null
                && password != null;
        if (!matches) {
            attempts.failed(attempt);
            audit.recordIndependently(refusal(
                    org,
                    customer,
                    typed,
                    customer.isPresent() ? "wrong password" : "no customer with this e-mail in this app"));
            throw new SignInFailedException(wrong);
        }
        attempts.succeeded(attempt);
        Customer c = customer.orElseThrow();
        if (c.status() == CustomerStatus.DISABLED) {
            audit.recordIndependently(signInRecord(c, AuditOutcome.FAILURE, "the account is disabled"));
            throw new DisabledException(org.orElseThrow().name());
        }
        return Objects.requireNonNull(transactions.execute(status -> {
            audit.record(signInRecord(c, AuditOutcome.SUCCESS, mobile ? "mobile app" : "app"));
            return sessions.open(c, mobile ? CustomerSessions.Kind.MOBILE : CustomerSessions.Kind.APP);
        }));
    }

    /** A refused sign-in, recorded in the organisation's log when the account number is one. */
    private static AuditRecord refusal(
            Optional<Organization> org, Optional<Customer> customer, String typedEmail, String why) {
        if (customer.isPresent()) {
            return signInRecord(customer.get(), AuditOutcome.FAILURE, why);
        }
        String label = typedEmail.isEmpty() ? "(not a possible e-mail address)" : typedEmail;
        return new AuditRecord(
                org.map(Organization::id).orElse(null),
                "CUSTOMER_SIGN_IN",
                "CUSTOMER",
                null,
                label,
                AuditOutcome.FAILURE,
                why,
                null,
                label);
    }

    /** A hash of a random password, made once: unknown accounts cost one hash check like known ones. */
    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = passwords.encode(Tokens.newToken());
            dummyHash = hash;
        }
        return hash;
    }

    private static AuditRecord signInRecord(Customer c, AuditOutcome outcome, String detail) {
        return AuditRecord.success(c.organizationId(), "CUSTOMER_SIGN_IN", "CUSTOMER", c.id(), c.auditLabel())
                .withOutcome(outcome)
                .withDetail(detail)
                .byActor(c.id(), c.auditLabel());
    }

    /** A customer's own data: the scope of their organisation. */
    private static TenantScope own(Customer c) {
        return TenantScope.internal(c.organizationId());
    }

    /** The signed-in customer, refused when disabled. */
    AppUser active(AppUser user) {
        if (user.customer().status() == CustomerStatus.DISABLED) {
            throw new DisabledException(organizations
                    .find(user.customer().organizationId())
                    .map(Organization::name)
                    .orElse("the provider"));
        }
        return user;
    }

    @Transactional(readOnly = true)
    public List<Location> locations(AppUser user) {
        Customer c = active(user).customer();
        return customers.locations(own(c), c.id());
    }

    /** Devices a page of the app shows: a phone scrolls through 50 cards comfortably. */
    static final int DEVICES_PER_PAGE = 50;

    /** A page of the customer's devices (0-based, a page past the end is the last one) and how many there are. */
    @Transactional(readOnly = true)
    public PageResult<Device> devices(AppUser user, int page) {
        Customer c = active(user).customer();
        long total = customers.countDevices(own(c), c.id());
        int last = (int) Math.max(0, (total - 1) / DEVICES_PER_PAGE);
        int shown = Math.min(Math.max(page, 0), last);
        return new PageResult<>(
                customers.devices(
                        own(c),
                        c.id(),
                        CustomerRepository.DEVICE_SORTS.parse(null),
                        shown * DEVICES_PER_PAGE,
                        DEVICES_PER_PAGE),
                total,
                shown,
                DEVICES_PER_PAGE);
    }

    /** Refused: during remote assistance the console user may not change the customer's password. */
    public static class AssistedException extends RuntimeException {
        AssistedException() {
            super(ASSISTED);
        }
    }

    /**
     * The customer's own change, with their current password (a wrong one is counted like a failed sign-in, so it
     * cannot be guessed through this form); every other session and token ends, and this one is replaced. Refused
     * during remote assistance: the assisting console user never sets the customer's password.
     */
    public String changePassword(
            AppUser user,
            @Nullable String current,
            @Nullable String password,
            @Nullable String confirmation,
            @Nullable String address) {
        if (user.assisted()) {
            audit.recordIndependently(appRecord(user, "CUSTOMER_PASSWORD_CHANGED")
                    .withOutcome(AuditOutcome.FAILURE)
                    .withDetail("refused: remote assistance"));
            throw new AssistedException();
        }
        Customer c = active(user).customer();
        SignInAttempts.Attempt attempt = attempts.begin("customer-password:" + c.id(), address);
        String hash = customers.passwordHash(own(c), c.id()).orElse(null);
        if (hash == null || current == null || !passwords.matches(current, hash)) {
            attempts.failed(attempt);
            audit.recordIndependently(appRecord(user, "CUSTOMER_PASSWORD_CHANGED")
                    .withOutcome(AuditOutcome.FAILURE)
                    .withDetail("wrong current password"));
            throw InvalidInputException.of("current", "This is not your current password");
        }
        attempts.succeeded(attempt);
        Customers.checkNewPassword(password, confirmation);
        return Objects.requireNonNull(transactions.execute(status -> {
            customers.setPassword(own(c), c.id(), passwords.encode(password));
            sessions.closeAllOf(c, null);
            audit.record(
                    appRecord(user, "CUSTOMER_PASSWORD_CHANGED").withDetail("every other session and token ended"));
            Customer changed = customers.find(own(c), c.id()).orElseThrow();
            return sessions.open(changed, user.kind());
        }));
    }

    /**
     * A forgotten password: answers the same, in words and in time, whether or not the e-mail belongs to a customer of
     * the app at that address (its short name or account number); the lookup, the link and the mail are done beside
     * the answer.
     */
    public void requestPasswordReset(@Nullable String appAddress, @Nullable String email) {
        String account = appAddress == null ? "" : appAddress.strip();
        String address = email == null ? "" : email.strip();
        if (account.isEmpty() || account.length() > 40 || address.isEmpty() || address.length() > 254) {
            return;
        }
        afterAnswer.run("A customer's password reset request", () -> {
            if (resetMails.take("app:" + account.toLowerCase(java.util.Locale.ROOT), address)) {
                management.mailPasswordReset(account, address);
            }
        });
    }

    /** Whether a mailed link can still set a password, so that its page says so before anything is typed. */
    public boolean linkUsable(@Nullable String token) {
        return token != null && !token.isBlank() && customers.linkUsable(Tokens.hash(token));
    }

    /** The mailed link (a first password within 24 hours, or a new one within an hour), once. */
    @Transactional
    public void setPasswordWithLink(@Nullable String token, @Nullable String password, @Nullable String confirmation) {
        Customers.checkNewPassword(password, confirmation);
        Customer c = (token == null ? Optional.<Customer>empty() : customers.useLink(Tokens.hash(token)))
                .orElseThrow(() -> InvalidInputException.of(
                        "token", "This link has expired or was used already; ask for a new one"));
        customers.setPassword(own(c), c.id(), passwords.encode(password));
        sessions.closeAllOf(c, null);
        audit.record(
                AuditRecord.success(c.organizationId(), "CUSTOMER_PASSWORD_SET", "CUSTOMER", c.id(), c.auditLabel())
                        .byActor(c.id(), c.auditLabel())
                        .withDetail("from the mailed link"));
    }

    @Transactional
    public void endAssistance(AppUser user) {
        sessions.close(user.token());
        audit.record(appRecord(user, "REMOTE_ASSISTANCE_ENDED").withDetail("reason: " + user.reason()));
    }

    @Transactional
    public void signOut(AppUser user) {
        sessions.close(user.token());
    }

    /** An action in the app: the customer's, on behalf of the assisting console user when assisted. */
    private static AuditRecord appRecord(AppUser user, String action) {
        Customer c = user.customer();
        AuditRecord record = AuditRecord.success(c.organizationId(), action, "CUSTOMER", c.id(), c.auditLabel())
                .byActor(c.id(), c.auditLabel());
        return user.assisted() ? record.onBehalfOf(user.assistedBy(), user.assistedByLabel()) : record;
    }
}
