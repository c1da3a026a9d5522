package io.iotconsole.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (console form and API token endpoint alike) with brute-force protection in front of the
 * password check: locked keys are refused without hashing, failures are counted, repeated ones slowed.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {
    static final String LOCKED_MESSAGE = SignInAttempts.LOCKED_MESSAGE;

    private final AuthenticationProvider passwords;
    private final SignInAttempts attempts;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, SignInAttempts attempts) {
        this.passwords = passwords;
        this.attempts = attempts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        SignInAttempts.Attempt attempt = attempts.begin(
                String.valueOf(authentication.getName()),
                authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null);
        try {
            Authentication result = passwords.authenticate(authentication);
            attempts.succeeded(attempt);
            return result;
        } catch (BadCredentialsException e) {
            attempts.failed(attempt);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
