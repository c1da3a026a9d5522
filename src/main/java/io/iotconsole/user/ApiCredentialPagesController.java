package io.iotconsole.user;

import io.iotconsole.security.Allow;
import io.iotconsole.security.ApiScope;
import io.iotconsole.security.Permission;
import io.iotconsole.security.Role;
import io.iotconsole.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** An API user's credential in the console: scopes as checkboxes, expiry, last use, and rotating the secret. */
@Controller
class ApiCredentialPagesController {
    private final ApiCredentials credentials;
    private final Users users;

    ApiCredentialPagesController(ApiCredentials credentials, Users users) {
        this.credentials = credentials;
        this.users = users;
    }

    /** The scopes an API user may hold, for the checkboxes of this page and of the new-user form. */
    static List<ApiScope> grantableScopes() {
        return ApiScope.allHeldBy(Role.API_USER).stream().toList();
    }

    @Allow(Permission.USER_MANAGE_API_USER)
    @GetMapping("/users/{id}/credential")
    String page(@PathVariable UUID id, Model model) {
        var credential = credentials.get(id);
        return page(
                model,
                users.get(id),
                credential,
                Set.copyOf(credential.scopes()),
                credential.expiresAt() == null
                        ? ""
                        : credential
                                .expiresAt()
                                .atOffset(ZoneOffset.UTC)
                                .toLocalDate()
                                .toString(),
                null);
    }

    @Allow(Permission.USER_MANAGE_API_USER)
    @PostMapping("/users/{id}/credential")
    String save(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Set<String> scopes,
            @RequestParam(required = false) @Nullable String expiresAt,
            Model model,
            RedirectAttributes redirect) {
        // unticked boxes are not sent: none ticked means none
        Set<String> chosen = scopes == null ? Set.of() : scopes;
        try {
            credentials.update(id, chosen, expiresAt == null ? "" : expiresAt);
            redirect.addFlashAttribute(
                    "notice", "Saved the credential of " + users.get(id).name() + ".");
            return "redirect:/users/" + id + "/credential";
        } catch (InvalidInputException e) {
            return page(model, users.get(id), credentials.get(id), chosen, expiresAt == null ? "" : expiresAt, e);
        }
    }

    @Allow(Permission.USER_MANAGE_API_USER)
    @PostMapping("/users/{id}/credential/rotate")
    String rotate(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String graceHours,
            Model model,
            HttpServletResponse response) {
        Duration grace;
        try {
            long hours = graceHours == null || graceHours.isBlank()
                    ? ApiCredentials.DEFAULT_GRACE.toHours()
                    : Long.parseLong(graceHours.strip());
            if (hours < 0 || hours > ApiCredentials.MAX_GRACE.toHours()) {
                throw new NumberFormatException();
            }
            grace = Duration.ofHours(hours);
        } catch (NumberFormatException e) {
            var credential = credentials.get(id);
            return page(
                    model,
                    users.get(id),
                    credential,
                    Set.copyOf(credential.scopes()),
                    "",
                    InvalidInputException.of(
                            "graceHours",
                            "Expected a whole number of hours from 0 to " + ApiCredentials.MAX_GRACE.toHours()));
        }
        var rotation = credentials.rotate(id, grace);
        // the new secret is on this page only: never cached, never shown again
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("user", users.get(id));
        model.addAttribute("rotation", rotation);
        return "user/secret";
    }

    private String page(
            Model model,
            User user,
            ApiCredentials.Credential credential,
            Set<String> scopes,
            String expiresAt,
            @Nullable InvalidInputException errors) {
        model.addAttribute("user", user);
        model.addAttribute("credential", credential);
        model.addAttribute("scopes", scopes);
        model.addAttribute("expiresAt", expiresAt);
        model.addAttribute("apiScopes", grantableScopes());
        model.addAttribute("defaultGrace", ApiCredentials.DEFAULT_GRACE.toHours());
        model.addAttribute("maxGrace", ApiCredentials.MAX_GRACE.toHours());
        model.addAttribute("errors", UserController.errorsOf(errors));
        return "user/credential";
    }
}
