package io.iotconsole.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/** The password check, then, for an API user whose secret was rotated, the previous secret while its grace lasts. */
final class GraceSecretProvider implements AuthenticationProvider {
    private final AuthenticationProvider passwords;
    private final RotatedSecrets rotated;

    GraceSecretProvider(AuthenticationProvider passwords, RotatedSecrets rotated) {
        this.passwords = passwords;
        this.rotated = rotated;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        try {
            return passwords.authenticate(authentication);
        } catch (BadCredentialsException wrong) {
            Object secret = authentication.getCredentials();
            if (!(secret instanceof String s) || authentication.getName() == null) {
                throw wrong;
            }
            ConsoleUser user =
                    rotated.matchPrevious(authentication.getName(), s).orElseThrow(() -> wrong);
            var result = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
            result.setDetails(authentication.getDetails());
            return result;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
