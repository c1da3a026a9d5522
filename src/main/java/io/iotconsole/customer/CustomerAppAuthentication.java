package io.iotconsole.customer;

import io.iotconsole.security.HandlerAccess;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Finds who is signed in to the customer app, on every request, from the database: the {@code APP_SESSION} cookie
 * (browser) or an {@code Authorization: Bearer} token (mobile app). The result is a request attribute the app's
 * controllers read and the app's filter chain and {@link HandlerAccess} let in (nobody else gets past the app's
 * sign-in pages); a disabled customer is found too, so that the app can say the account is disabled. The customer
 * never enters the security context: they are no console user.
 */
class CustomerAppAuthentication extends OncePerRequestFilter {
    static final String COOKIE = "APP_SESSION";
    static final String ATTRIBUTE = HandlerAccess.CUSTOMER_ATTRIBUTE;
    private final CustomerSessions sessions;

    CustomerAppAuthentication(CustomerSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        sessions.find(token(request)).ifPresent(user -> request.setAttribute(ATTRIBUTE, user));
        chain.doFilter(request, response);
    }

    static @Nullable String token(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    static Optional<AppUser> current(HttpServletRequest request) {
        return Optional.ofNullable((AppUser) request.getAttribute(ATTRIBUTE));
    }
}
