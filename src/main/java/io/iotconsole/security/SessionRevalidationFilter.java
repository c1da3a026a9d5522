package io.iotconsole.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a console session against the database on every request: a user deactivated, deleted or whose password
 * changed since sign-in is signed out at once, on whichever instance the request lands. The fresh row also carries
 * role changes into the running session.
 */
class SessionRevalidationFilter extends OncePerRequestFilter {
    private final ConsoleUserLookup users;

    SessionRevalidationFilter(ConsoleUserLookup users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ConsoleUser signedIn) {
            Optional<ConsoleUser> current = users.findCurrent(signedIn.id(), signedIn.credentialsVersion());
            if (current.isEmpty()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                if ("true".equals(request.getHeader("HX-Request"))) {
                    response.setHeader("HX-Redirect", request.getContextPath() + "/login?ended");
                    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                } else {
                    response.sendRedirect(request.getContextPath() + "/login?ended");
                }
                return;
            }
            var fresh = UsernamePasswordAuthenticationToken.authenticated(
                    current.get(), null, current.get().getAuthorities());
            fresh.setDetails(auth.getDetails());
            SecurityContextHolder.getContext().setAuthentication(fresh);
            ConsoleSessions.recordOrigin(request);
        }
        chain.doFilter(request, response);
    }
}
