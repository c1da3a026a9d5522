package io.iotconsole.user;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.ApiScope;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.Permission;
import io.iotconsole.security.Role;
import io.iotconsole.security.RotatedSecrets;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.shared.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An API user's credential beyond its secret: the scopes its tokens may carry, an optional expiry, secret rotation
 * with a grace period for the previous secret, and when and from where it was last used.
 */
@Service
public class ApiCredentials implements RotatedSecrets {
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    public static final Duration MAX_GRACE = Duration.ofDays(7);

    private final ApiCredentialRepository repository;
    private final UserRepository users;
    private final AccessTokenRepository tokens;
    private final Users directory;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final PasswordEncoder passwords;
    private final Clock clock;

    ApiCredentials(
            ApiCredentialRepository repository,
            UserRepository users,
            AccessTokenRepository tokens,
            Users directory,
            AccessPolicy access,
            AuditLog audit,
            PasswordEncoder passwords,
            Clock clock) {
        this.repository = repository;
        this.users = users;
        this.tokens = tokens;
        this.directory = directory;
        this.access = access;
        this.audit = audit;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** An API user's credential as the Users page and the API show it. */
    public record Credential(
            List<String> scopes,
            @Nullable Instant expiresAt,
            boolean expired,
            @Nullable Instant previousSecretValidUntil,
            @Nullable Instant lastUsedAt,
            @Nullable String lastUsedAddress) {}

    /** A rotation's answer: the new secret, shown this once. */
    public record Rotation(String clientId, String clientSecret, Instant previousSecretValidUntil) {}

    /** The scopes an API user may be given: those its role holds. */
    public static List<String> grantableCodes() {
        return List.of(ApiScope.codes(ApiScope.allHeldBy(Role.API_USER)));
    }

    // ---- the token endpoint

    /** The scopes a credential may grant: an API user's chosen ones, any other role's every scope it holds. */
    @Transactional(readOnly = true)
    public Set<ApiScope> grantable(ConsoleUser user) {
        Set<ApiScope> held = user.scopesOfRole();
        if (!user.isApiUser()) {
            return held;
        }
        return repository.findOf(user.id()).map(r -> chosen(r, held)).orElse(held);
    }

    /** When the credential stops working, if it has an expiry. */
    @Transactional(readOnly = true)
    public Optional<Instant> expiry(ConsoleUser user) {
        if (!user.isApiUser()) {
            return Optional.empty();
        }
        return repository.findOf(user.id()).map(ApiCredentialRepository.Row::expiresAt);
    }

    public boolean expired(@Nullable Instant expiresAt) {
        return expiresAt != null && !clock.instant().isBefore(expiresAt);
    }

    /** Notes the credential's use by an API user at the token endpoint. */
    @Transactional
    public void recordUse(ConsoleUser user, @Nullable String address) {
        if (user.isApiUser() && user.organizationId() != null) {
            repository.recordUse(user.id(), user.organizationId(), clock.instant(), address);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ConsoleUser> matchPrevious(String clientId, String secret) {
        if (io.iotconsole.shared.TextFields.problem(clientId, 254, false) != null) {
            return Optional.empty(); // no client can have such an id (over-long, control characters)
        }
        return repository
                .findPrevious(clientId, clock.instant())
                .filter(c -> c.passwordHash() != null && passwords.matches(secret, c.passwordHash()))
                .map(ConsoleUserDirectory::principal);
    }

    // ---- the console and the API

    /** The credential of an API user of the caller's organisation (404 for anyone else); needs user.view. */
    @Transactional(readOnly = true)
    public Credential get(UUID userId) {
        User user = apiUser(directory.get(userId));
        var row = repository
                .find(access.scope(Permission.USER_VIEW), user.id())
                .orElse(ApiCredentialRepository.Row.none(user.id()));
        return view(row);
    }

    /** The credentials of the API users among a page of users, by user id. */
    @Transactional(readOnly = true)
    public Map<UUID, Credential> of(Collection<User> page) {
        List<UUID> ids = page.stream()
                .filter(u -> u.role() == Role.API_USER)
                .map(User::id)
                .toList();
        var rows = repository.findAll(access.scope(Permission.USER_VIEW), ids);
        var result = new java.util.HashMap<UUID, Credential>();
        ids.forEach(id -> result.put(id, view(rows.getOrDefault(id, ApiCredentialRepository.Row.none(id)))));
        return result;
    }

    /**
     * Sets the scopes and the expiry (null fields are left as they are; an empty expiry removes it). Narrowing the
     * scopes or changing the expiry ends the tokens issued before, so that no token outlives what was chosen.
     */
    @Transactional
    public Credential update(UUID userId, @Nullable Collection<String> scopeCodes, @Nullable String expiresAt) {
        User user = apiUser(directory.loadInScope(userId));
        access.requireAdminister(Role.API_USER);
        var row = repository.findOf(user.id()).orElse(ApiCredentialRepository.Row.none(user.id()));
        Set<ApiScope> held = ApiScope.allHeldBy(Role.API_USER);
        Set<ApiScope> before = chosen(row, held);
        var problems = new java.util.ArrayList<InvalidInputException.FieldProblem>();
        Set<ApiScope> scopes = scopeCodes == null ? before : parseScopes(scopeCodes, problems);
        Instant expiry = row.expiresAt();
        boolean expiryGiven = expiresAt != null;
        if (expiryGiven) {
            expiry = parseExpiry(expiresAt, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        boolean scopesChanged = !scopes.equals(before);
        boolean expiryChanged = expiryGiven && !Objects.equals(expiry, row.expiresAt());
        repository.saveSettings(user.id(), Objects.requireNonNull(user.organizationId()), codes(scopes, held), expiry);
        if (scopesChanged) {
            audit.record(AuditRecord.success(
                            user.organizationId(),
                            "API_CREDENTIAL_SCOPES_CHANGED",
                            "USER",
                            user.id(),
                            user.auditLabel())
                    .withDetail(ApiScope.format(before) + " -> " + ApiScope.format(scopes)));
        }
        if (expiryChanged) {
            audit.record(AuditRecord.success(
                            user.organizationId(),
                            "API_CREDENTIAL_EXPIRY_CHANGED",
                            "USER",
                            user.id(),
                            user.auditLabel())
                    .withDetail((row.expiresAt() == null ? "none" : row.expiresAt()) + " -> "
                            + (expiry == null ? "none" : expiry)));
        }
        if (scopesChanged || expiryChanged) {
            tokens.deleteAllOf(user.id());
        }
        return get(user.id());
    }

    /**
     * A new secret, generated and answered this once; the previous one keeps working for the grace (0 to 7 days, 24
     * hours unless given), and with no grace the tokens issued before end at once.
     */
    @Transactional
    public Rotation rotate(UUID userId, @Nullable Duration grace) {
        User user = apiUser(directory.loadInScope(userId));
        access.requireAdminister(Role.API_USER);
        Duration keep = grace == null ? DEFAULT_GRACE : grace;
        if (keep.isNegative() || keep.compareTo(MAX_GRACE) > 0) {
            throw InvalidInputException.of("graceHours", "Must be from 0 to " + MAX_GRACE.toHours() + " hours");
        }
        String secret = Tokens.newToken();
        String previous = users.replaceSecret(user.id(), passwords.encode(secret));
        Instant until = clock.instant().plus(keep);
        repository.keepPrevious(user.id(), Objects.requireNonNull(user.organizationId()), previous, until);
        if (keep.isZero()) {
            tokens.deleteAllOf(user.id());
        }
        audit.record(
                AuditRecord.success(user.organizationId(), "API_SECRET_ROTATED", "USER", user.id(), user.auditLabel())
                        .withDetail("previous secret valid until " + until));
        return new Rotation(Objects.requireNonNull(user.clientId()), secret, until);
    }

    private Credential view(ApiCredentialRepository.Row row) {
        Set<ApiScope> held = ApiScope.allHeldBy(Role.API_USER);
        Instant grace = row.previousSecretValidUntil();
        return new Credential(
                List.of(ApiScope.codes(chosen(row, held))),
                row.expiresAt(),
                expired(row.expiresAt()),
                grace != null && clock.instant().isBefore(grace) ? grace : null,
                row.lastUsedAt(),
                row.lastUsedAddress());
    }

    private static User apiUser(User user) {
        if (user.role() != Role.API_USER) {
            throw new NotFoundException("API user");
        }
        return user;
    }

    private static Set<ApiScope> chosen(ApiCredentialRepository.Row row, Set<ApiScope> held) {
        if (row.scopes() == null) {
            return held;
        }
        Set<ApiScope> scopes = ApiScope.fromCodes(row.scopes());
        scopes.retainAll(held);
        return scopes;
    }

    /** Stored as null while the credential has every scope, so that it keeps every scope its role gains later. */
    static @Nullable List<String> codes(Set<ApiScope> scopes, Set<ApiScope> held) {
        return scopes.equals(held) ? null : List.of(ApiScope.codes(scopes));
    }

    static Set<ApiScope> parseScopes(Collection<String> codes, List<InvalidInputException.FieldProblem> problems) {
        Set<ApiScope> held = ApiScope.allHeldBy(Role.API_USER);
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        int index = 0;
        for (String code : codes) {
            String problem = io.iotconsole.shared.TextFields.problem(code, 40, false);
            if (problem != null) {
                problems.add(new InvalidInputException.FieldProblem("scopes[" + index + "]", problem));
                return scopes;
            }
            index++;
            var scope = ApiScope.byCode(code.strip());
            if (scope.isEmpty() || !held.contains(scope.get())) {
                problems.add(new InvalidInputException.FieldProblem(
                        "scopes",
                        "Not a scope an API user may hold: " + code.strip() + " (choose from " + ApiScope.format(held)
                                + ")"));
                return scopes;
            }
            scopes.add(scope.get());
        }
        if (scopes.isEmpty()) {
            problems.add(new InvalidInputException.FieldProblem("scopes", "Choose at least one scope"));
        }
        return scopes;
    }

    /** An instant (ISO-8601 with offset) or a day (then the credential ends at that day's start, UTC); future only. */
    private @Nullable Instant parseExpiry(String value, List<InvalidInputException.FieldProblem> problems) {
        return parseExpiry(value, clock.instant(), problems);
    }

    static @Nullable Instant parseExpiry(String value, Instant now, List<InvalidInputException.FieldProblem> problems) {
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        Instant at;
        try {
            at = v.length() == 10
                    ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new InvalidInputException.FieldProblem(
                    "expiresAt", "Expected a date (2027-01-31) or a date and time (2027-01-31T12:00:00Z)"));
            return null;
        }
        if (!at.isAfter(now)) {
            problems.add(new InvalidInputException.FieldProblem("expiresAt", "Must be in the future"));
            return null;
        }
        return at;
    }
}
