package io.iotconsole.user;

import io.iotconsole.security.Allow;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages around one's own account: activation, forgotten password, reset, and the profile. */
@Controller
class AccountPagesController {
    private final UserLinks links;
    private final Profiles profiles;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    AccountPagesController(UserLinks links, Profiles profiles) {
        this.links = links;
        this.profiles = profiles;
    }

    @Allow(who = Allow.Who.PUBLIC)
    @GetMapping({"/activate", "/reset-password"})
    String linkForm(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response) {
        boolean activation = request.getRequestURI().endsWith("/activate");
        model.addAttribute("activation", activation);
        model.addAttribute("token", token);
        try {
            links.check(token, activation);
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_GONE);
            model.addAttribute("linkProblem", e.problems().get(0).message());
        }
        return "account/set-password";
    }

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping({"/activate", "/reset-password"})
    String setPassword(
            @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmation,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        boolean activation = request.getRequestURI().endsWith("/activate");
        model.addAttribute("activation", activation);
        model.addAttribute("token", token);
        if (!password.equals(confirmation)) {
            model.addAttribute("errors", Map.of("confirmation", "The two passwords differ"));
            return "account/set-password";
        }
        try {
            if (activation) {
                links.activate(token, password);
            } else {
                links.resetPassword(token, password);
            }
        } catch (InvalidLinkException e) {
            response.setStatus(HttpServletResponse.SC_GONE);
            model.addAttribute("linkProblem", e.problems().get(0).message());
            return "account/set-password";
        } catch (InvalidInputException e) {
            model.addAttribute("errors", UserController.errorsOf(e));
            return "account/set-password";
        }
        redirect.addFlashAttribute(
                "notice",
                activation
                        ? "Your account is active. Sign in with your new password."
                        : "Your password is changed. Sign in with it.");
        return "redirect:/login";
    }

    @Allow(who = Allow.Who.PUBLIC)
    @GetMapping("/forgot-password")
    String forgotForm() {
        return "account/forgot-password";
    }

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/forgot-password")
    String forgot(@RequestParam(defaultValue = "") String email, Model model) {
        links.requestPasswordReset(email);
        model.addAttribute("sent", true);
        return "account/forgot-password";
    }

    @Allow(Permission.USER_SELF)
    @GetMapping("/profile")
    String profile(Model model) {
        return profilePage(model, profiles.me(), Map.of(), Map.of());
    }

    private static String profilePage(
            Model model, User user, Map<String, String> errors, Map<String, String> passwordErrors) {
        model.addAttribute("user", user);
        model.addAttribute("errors", errors);
        model.addAttribute("passwordErrors", passwordErrors);
        return "account/profile";
    }

    @Allow(Permission.USER_SELF)
    @PostMapping("/profile")
    String updateProfile(
            @RequestParam(required = false) @Nullable String firstName,
            @RequestParam(required = false) @Nullable String lastName,
            @RequestParam(required = false) @Nullable String countryCode,
            @RequestParam(required = false) @Nullable String mobileNumber,
            Model model,
            RedirectAttributes redirect) {
        try {
            profiles.updateOwnProfile(firstName, lastName, countryCode, mobileNumber);
            redirect.addFlashAttribute("notice", "Profile saved.");
            return "redirect:/profile";
        } catch (InvalidInputException e) {
            User me = profiles.me();
            User typed = new User(
                    me.id(),
                    me.organizationId(),
                    me.role(),
                    String.valueOf(firstName),
                    String.valueOf(lastName),
                    me.email(),
                    me.clientId(),
                    countryCode,
                    mobileNumber,
                    me.description(),
                    me.dashboards(),
                    me.status(),
                    me.createdAt(),
                    me.lastSignInAt());
            return profilePage(model, typed, UserController.errorsOf(e), Map.of());
        }
    }

    /** Every session of the user ends with the change; this one is signed in again with the new credentials. */
    @Allow(Permission.USER_SELF)
    @PostMapping("/profile/password")
    String changePassword(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String confirmation,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            ConsoleUser renewed = profiles.changeOwnPassword(currentPassword, newPassword, confirmation);
            var old = request.getSession(false);
            if (old != null) {
                old.invalidate();
            }
            request.getSession(true);
            Authentication auth =
                    UsernamePasswordAuthenticationToken.authenticated(renewed, null, renewed.getAuthorities());
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(auth);
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            redirect.addFlashAttribute("notice", "Password changed. Your other sessions have been signed out.");
            return "redirect:/profile";
        } catch (InvalidInputException e) {
            return profilePage(model, profiles.me(), Map.of(), UserController.errorsOf(e));
        }
    }
}
