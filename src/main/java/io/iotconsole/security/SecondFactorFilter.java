package io.iotconsole.security;

import io.iotconsole.security.SecondFactorSession.State;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds a console session at its second-factor step: while a code is owed only the challenge (and passkey sign-in)
 * is reached, while a factor must be enrolled only the enrolment page; everything else is sent there. A session
 * signed in with a password alone is checked on every request, so that an organisation requiring second factors
 * takes its open sessions to enrolment at once. A session whose user has meanwhile enrolled a factor in it (or,
 * with the password, elsewhere) goes on.
 */
class SecondFactorFilter extends OncePerRequestFilter {
    static final String CHALLENGE_PAGE = "/sign-in/second-factor";
    static final String ENROL_PAGE = "/profile/security";
    private static final List<String> ALWAYS =
            List.of("/login", "/logout", "/css/", "/js/", "/webjars/", "/favicon.ico", "/error", "/actuator/health");
    private static final List<String> DURING_CHALLENGE =
            List.of(CHALLENGE_PAGE, "/login/webauthn", "/webauthn/authenticate/options");
    private static final List<String> DURING_ENROLMENT = List.of(ENROL_PAGE, "/webauthn/register");

    private final SecondFactorGate gate;

    SecondFactorFilter(SecondFactorGate gate) {
        this.gate = gate;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth != null && auth.getPrincipal() instanceof ConsoleUser user)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        State state = SecondFactorSession.state(request);
        if (state == State.DONE) {
            chain.doFilter(request, response);
        } else if (state == State.CHALLENGE) {
            pass(path, DURING_CHALLENGE, CHALLENGE_PAGE, request, response, chain);
        } else {
            SecondFactorGate.Status status = gate.status(user);
            if (status.enrolled()) {
                SecondFactorSession.set(request, State.DONE);
                chain.doFilter(request, response);
            } else if (status.required()) {
                SecondFactorSession.set(request, State.ENROL);
                pass(path, DURING_ENROLMENT, ENROL_PAGE, request, response, chain);
            } else {
                chain.doFilter(request, response);
            }
        }
        // Spring Security's registration endpoint has no hook of its own for the audit log
        if ("POST".equals(request.getMethod())
                && "/webauthn/register".equals(path)
                && response.getStatus() == HttpServletResponse.SC_OK) {
            gate.passkeyRegistered(user);
        }
    }

    private static void pass(
            String path,
            List<String> allowed,
            String step,
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain)
            throws IOException, ServletException {
        if (matches(path, ALWAYS) || matches(path, allowed)) {
            chain.doFilter(request, response);
        } else if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", request.getContextPath() + step);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        } else {
            response.sendRedirect(request.getContextPath() + step);
        }
    }

    private static boolean matches(String path, List<String> prefixes) {
        return prefixes.stream()
                .anyMatch(p -> p.endsWith("/") ? path.startsWith(p) : path.equals(p) || path.startsWith(p + "/"));
    }
}
