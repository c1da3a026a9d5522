package io.iotconsole.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Brute-force protection for any password sign-in, the console's and the customer app's. Before the password is
 * checked the attempt is counted against the account name and the source address in one atomic statement each: an
 * attempt beyond a limit (or at a locked key) is refused without hashing, and once failures have piled up each
 * attempt is slowed. A successful attempt clears the account's count afterwards. Counts live in PostgreSQL, shared by
 * every instance, so a parallel burst, on one instance or many, gets no more password checks than the limit.
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

    /** An attempt under way: the keys it was counted under. */
    public record Attempt(String accountKey, @Nullable String addressKey) {}

    /**
     * Counts the attempt; throws {@link LockedException} when the account name or the address is over its limit,
     * waits when failures have piled up. Must be called outside a transaction, so that the count is committed at
     * once and seen by every parallel attempt.
     */
    public Attempt begin(String account, @Nullable String address) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Sign-in attempts are counted outside of any transaction");
        }
        String accountKey = LoginThrottle.accountKey(account);
        String addressKey = address == null ? null : LoginThrottle.addressKey(address);
        LoginThrottle.Count byAccount = throttle.take(accountKey, props.lockAfterPerAccount());
        LoginThrottle.Count byAddress =
                addressKey == null ? null : throttle.take(addressKey, props.lockAfterPerAddress());
        if (byAccount.locked() || (byAddress != null && byAddress.locked())) {
            throw new LockedException(LOCKED_MESSAGE);
        }
        int earlierAttempts = Math.max(byAccount.attempts(), byAddress == null ? 0 : byAddress.attempts()) - 1;
        if (earlierAttempts >= props.slowAfter()) {
            pause();
        }
        return new Attempt(accountKey, addressKey);
    }

    /** The password was right: the account's failures are forgiven, and the address is not charged for it. */
    public void succeeded(Attempt attempt) {
        throttle.clear(attempt.accountKey());
        if (attempt.addressKey() != null) {
            throttle.giveBack(attempt.addressKey());
        }
    }

    /**
     * The password was right but a second factor is still owed: this attempt is not charged, and the account's
     * earlier failures (wrong passwords and wrong codes) stay until the second factor is proven.
     */
    public void firstStepPassed(Attempt attempt) {
        throttle.giveBack(attempt.accountKey());
        if (attempt.addressKey() != null) {
            throttle.giveBack(attempt.addressKey());
        }
    }

    /** The password was wrong (or may not be used here): the attempt stays counted as it was when it began. */
    public void failed(Attempt attempt) {
        // counted in begin(), before the password was checked
    }

    private void pause() {
        try {
            Thread.sleep(props.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
