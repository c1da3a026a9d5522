package io.iotconsole.web;

import io.iotconsole.security.Grant;
import io.iotconsole.security.Permission;
import io.iotconsole.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in, the dashboard and the Roles page. */
@Controller
class PagesController {
    private final boolean signupEnabled;

    PagesController(@Value("${console.signup-enabled}") boolean signupEnabled) {
        this.signupEnabled = signupEnabled;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) @Nullable String error, HttpServletRequest request, Model model) {
        model.addAttribute("signupEnabled", signupEnabled);
        if (error != null) {
            HttpSession session = request.getSession(false);
            Object last = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            // One message for every failure, so the page tells nobody whether an account exists; a lock says so.
            model.addAttribute(
                    "loginError",
                    last instanceof LockedException locked ? locked.getMessage() : "Wrong e-mail or password.");
        }
        return "login";
    }

    @GetMapping("/")
    String dashboard() {
        return "dashboard";
    }

    record RoleRow(Permission permission, List<Grant> grants) {}

    /** Drawn from the policy itself, so the page cannot disagree with what the server enforces. */
    @GetMapping("/roles")
    String roles(Model model) {
        Role[] roles = Role.organizationRoles();
        model.addAttribute("roles", roles);
        model.addAttribute(
                "rows",
                Arrays.stream(Permission.values())
                        .map(p -> new RoleRow(
                                p, Arrays.stream(roles).map(p::grantFor).toList()))
                        .toList());
        return "roles";
    }
}
