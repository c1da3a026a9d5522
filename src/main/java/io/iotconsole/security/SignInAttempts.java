package io.iotconsole.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection for any password sign-in, the console's and the customer app's: before the password is
 * checked, a locked account name or source address is refused without hashing and repeated failures are slowed;
 * afterwards the outcome is counted. Counts live in PostgreSQL, shared by every instance.
 */
@Component
public class SignInAttempts {
    static final String LOCKED_MESSAGE = "Too many failed sign-ins. Sign-in is paused for a while; try again later.";
    private final LoginThrottle throttle;
    private final LoginThrottleProperties props;

    SignInAttempts(LoginThrottle throttle, LoginThrottleProperties props) {
        this.throttle = throttle;
        this.props = props;
    }

    /** Where an attempt stands: the keys it is counted under, and whether they had any failures before. */
    public record Attempt(String accountKey, @Nullable String addressKey, boolean known) {}

    /** Throws {@link LockedException} when locked, waits when failures have piled up; answers the attempt. */
    public Attempt begin(String account, @Nullable String address) {
        String accountKey = LoginThrottle.accountKey(account);
        String addressKey = address == null ? null : LoginThrottle.addressKey(address);
        LoginThrottle.State known =
                addressKey == null ? throttle.state(accountKey) : throttle.state(accountKey, addressKey);
        if (known.locked()) {
            throw new LockedException(LOCKED_MESSAGE);
        }
        if (known.failures() >= props.slowAfter()) {
            pause();
        }
        return new Attempt(accountKey, addressKey, known.anyRow());
    }

    public void succeeded(Attempt attempt) {
        if (attempt.known()) {
            throttle.clear(attempt.accountKey());
        }
    }

    public void failed(Attempt attempt) {
        throttle.recordFailure(attempt.accountKey(), props.lockAfterPerAccount());
        if (attempt.addressKey() != null) {
            throttle.recordFailure(attempt.addressKey(), props.lockAfterPerAddress());
        }
    }

    private void pause() {
        try {
            Thread.sleep(props.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
