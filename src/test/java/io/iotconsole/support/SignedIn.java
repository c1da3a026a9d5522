package io.iotconsole.support;

import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.Role;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs a facade call as a signed-in user of a role, for rules that roles without API access exercise. */
public final class SignedIn {
    private SignedIn() {}

    public static void as(UUID id, UUID organizationId, Role role, Runnable action) {
        var user = new ConsoleUser(id, organizationId, role, "someone@example.test", "Some One", 0, null);
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        try {
            action.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
