package io.iotconsole.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (console form and API token endpoint alike) with brute-force protection in front of the
 * password check: locked keys are refused without hashing, failures are counted, repeated ones slowed.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {
    static final String LOCKED_MESSAGE = "Too many failed sign-ins. Sign-in is paused for a while; try again later.";

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final LoginThrottleProperties props;

    ThrottledAuthenticationProvider(
            AuthenticationProvider passwords, LoginThrottle throttle, LoginThrottleProperties props) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.props = props;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String accountKey = LoginThrottle.accountKey(String.valueOf(authentication.getName()));
        String addressKey =
                authentication.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
                        ? LoginThrottle.addressKey(d.getRemoteAddress())
                        : null;
        LoginThrottle.State known =
                addressKey == null ? throttle.state(accountKey) : throttle.state(accountKey, addressKey);
        if (known.locked()) {
            throw new LockedException(LOCKED_MESSAGE);
        }
        if (known.failures() >= props.slowAfter()) {
            pause();
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            if (known.anyRow()) {
                throttle.clear(accountKey);
            }
            return result;
        } catch (BadCredentialsException e) {
            throttle.recordFailure(accountKey, props.lockAfterPerAccount());
            if (addressKey != null) {
                throttle.recordFailure(addressKey, props.lockAfterPerAddress());
            }
            throw e;
        }
    }

    private void pause() {
        try {
            Thread.sleep(props.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
