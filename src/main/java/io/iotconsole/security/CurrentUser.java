package io.iotconsole.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The only place that reads the security context: who is calling right now. */
public final class CurrentUser {
    private CurrentUser() {}

    public static Optional<ConsoleUser> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ConsoleUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public static ConsoleUser get() {
        return find().orElseThrow(() ->
                new org.springframework.security.authentication.AuthenticationCredentialsNotFoundException(
                        "Not signed in"));
    }
}
