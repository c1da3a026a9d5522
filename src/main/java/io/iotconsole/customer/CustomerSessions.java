package io.iotconsole.customer;

import io.iotconsole.shared.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer app's sessions (a cookie in the browser), the mobile app's bearer tokens, and remote-assistance
 * sessions: opaque random tokens, stored hashed, looked up on every request, so that disabling a customer or setting
 * their password ends them at once, on every instance.
 */
@Component
class CustomerSessions {
    static final Duration APP_VALIDITY = Duration.ofHours(12);
    static final Duration MOBILE_VALIDITY = Duration.ofDays(30);
    static final Duration ASSIST_VALIDITY = Duration.ofMinutes(30);

    public enum Kind {
        APP,
        MOBILE,
        ASSIST
    }

    private final CustomerSessionRepository repository;

    CustomerSessions(CustomerSessionRepository repository) {
        this.repository = repository;
    }

    @Transactional
    String open(Customer customer, Kind kind) {
        String token = Tokens.newToken();
        Duration validity = kind == Kind.MOBILE ? MOBILE_VALIDITY : APP_VALIDITY;
        repository.insert(
                Tokens.hash(token),
                customer,
                kind,
                null,
                null,
                null,
                false,
                Instant.now().plus(validity));
        return token;
    }

    @Transactional
    String openAssisted(
            Customer customer,
            UUID consoleUser,
            String consoleUserLabel,
            String reason,
            Duration validity,
            boolean readOnly) {
        String token = Tokens.newToken();
        repository.insert(
                Tokens.hash(token),
                customer,
                Kind.ASSIST,
                consoleUser,
                consoleUserLabel,
                reason,
                readOnly,
                Instant.now().plus(validity));
        return token;
    }

    /**
     * The live session of a token. Also answers the customer of a token that is otherwise live but whose customer is
     * disabled, so the app can say why it refuses.
     */
    @Transactional(readOnly = true)
    Optional<AppUser> find(@Nullable String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        return repository
                .find(Tokens.hash(token))
                .map(f -> new AppUser(
                        f.customer(),
                        f.kind(),
                        f.assistedBy(),
                        f.assistedByLabel(),
                        f.reason(),
                        f.expiresAt(),
                        token,
                        f.readOnly()));
    }

    @Transactional
    void close(String token) {
        repository.delete(Tokens.hash(token));
    }

    @Transactional
    void closeAllOf(Customer customer, @Nullable String keep) {
        repository.deleteAllOf(customer.organizationId(), customer.id(), keep == null ? null : Tokens.hash(keep));
    }
}
