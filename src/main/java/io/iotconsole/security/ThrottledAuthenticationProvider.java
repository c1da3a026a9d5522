package io.iotconsole.security;

import java.util.function.Predicate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (console form and API token endpoint alike) with brute-force protection in front of the
 * password check: the attempt is counted first, locked keys are refused without hashing, repeated failures slowed.
 * A right password of an account that may not sign in here (an API user at the console, a role without API access
 * at the token endpoint) is refused exactly like a wrong one, and counted like one.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {
    static final String LOCKED_MESSAGE = SignInAttempts.LOCKED_MESSAGE;
    /** The one refusal for a wrong password, an unknown or inactive account, and an account not allowed here. */
    static final String WRONG_MESSAGE = "Bad credentials";

    private final AuthenticationProvider passwords;
    private final SignInAttempts attempts;
    private final Predicate<ConsoleUser> allowedHere;
    private final Predicate<ConsoleUser> secondFactorOwed;

    ThrottledAuthenticationProvider(
            AuthenticationProvider passwords, SignInAttempts attempts, Predicate<ConsoleUser> allowedHere) {
        this(passwords, attempts, allowedHere, u -> false);
    }

    /**
     * @param secondFactorOwed whether the password is only the first step: then it does not forgive the account's
     *     earlier failures (wrong codes count there too); the proven second factor does
     */
    ThrottledAuthenticationProvider(
            AuthenticationProvider passwords,
            SignInAttempts attempts,
            Predicate<ConsoleUser> allowedHere,
            Predicate<ConsoleUser> secondFactorOwed) {
        this.passwords = passwords;
        this.attempts = attempts;
        this.allowedHere = allowedHere;
        this.secondFactorOwed = secondFactorOwed;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        SignInAttempts.Attempt attempt = attempts.begin(
                String.valueOf(authentication.getName()),
                authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null);
        Authentication result;
        try {
            result = passwords.authenticate(authentication);
        } catch (BadCredentialsException e) {
            attempts.failed(attempt);
            throw new BadCredentialsException(WRONG_MESSAGE, e);
        } catch (InternalAuthenticationServiceException e) {
            // the account look-up failed (the database switching over, say): no wrong password, and not counted as
            // one; the request fails with the look-up's own error, which the error handling answers
            if (e.getCause() instanceof RuntimeException cause && !(cause instanceof AuthenticationException)) {
                throw cause;
            }
            throw e;
        }
        if (result == null || !(result.getPrincipal() instanceof ConsoleUser user) || !allowedHere.test(user)) {
            attempts.failed(attempt);
            throw new BadCredentialsException(WRONG_MESSAGE);
        }
        if (secondFactorOwed.test(user)) {
            attempts.firstStepPassed(attempt);
        } else {
            attempts.succeeded(attempt);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
