package io.iotconsole.security;

import java.io.Serial;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A console sign-in with a passkey: both factors at once. */
public final class PasskeyAuthentication extends AbstractAuthenticationToken {
    @Serial
    private static final long serialVersionUID = 1L;

    private final ConsoleUser user;

    PasskeyAuthentication(ConsoleUser user) {
        super(user.getAuthorities());
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ConsoleUser getPrincipal() {
        return user;
    }
}
