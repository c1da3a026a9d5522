package io.iotconsole.security;

import io.iotconsole.security.SecondFactorSession.State;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After a right password at the console: a user with a second factor owes it now, a user whose organisation
 * requires one and who has none enrols first; anyone else goes on as before. The state is always set anew, since a
 * session's attributes outlive a sign-in in the same browser.
 */
final class SecondFactorSignIn implements AuthenticationSuccessHandler {
    private final SecondFactorGate gate;
    private final SavedRequestAwareAuthenticationSuccessHandler next =
            new SavedRequestAwareAuthenticationSuccessHandler();

    SecondFactorSignIn(SecondFactorGate gate) {
        this.gate = gate;
        next.setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
            throws IOException, ServletException {
        request.getSession(true).removeAttribute(SecondFactorSession.ATTRIBUTE);
        if (auth.getPrincipal() instanceof ConsoleUser user) {
            SecondFactorGate.Status status = gate.status(user);
            if (status.enrolled() || status.required()) {
                SecondFactorSession.set(request, status.enrolled() ? State.CHALLENGE : State.ENROL);
                response.sendRedirect(request.getContextPath()
                        + (status.enrolled() ? SecondFactorFilter.CHALLENGE_PAGE : SecondFactorFilter.ENROL_PAGE));
                return;
            }
        }
        next.onAuthenticationSuccess(request, response, auth);
    }
}
