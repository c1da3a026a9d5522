package io.iotconsole.security;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationProvider;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

/**
 * Passkey sign-in: Spring Security checks the assertion; the signed-in principal is then the console user the
 * passkey belongs to (named by id), active and with a password set, like every other console session.
 */
final class PasskeySignIn implements AuthenticationProvider {
    private final WebAuthnAuthenticationProvider passkeys;
    private final ConsoleUserLookup users;

    PasskeySignIn(WebAuthnRelyingPartyOperations relyingParty, ConsoleUserLookup users) {
        this.users = users;
        this.passkeys = new WebAuthnAuthenticationProvider(
                relyingParty,
                name -> user(name).orElseThrow(() -> new UsernameNotFoundException("No active user for this passkey")));
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Authentication checked = passkeys.authenticate(authentication);
        ConsoleUser user = user(checked.getName())
                .filter(u -> u.role() != Role.API_USER)
                .orElseThrow(() -> new BadCredentialsException("No active user for this passkey"));
        return new PasskeyAuthentication(user);
    }

    private Optional<ConsoleUser> user(String name) {
        try {
            return users.findActive(UUID.fromString(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
    }
}
