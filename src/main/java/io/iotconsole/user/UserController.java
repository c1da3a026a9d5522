package io.iotconsole.user;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Allow;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.security.Permission;
import io.iotconsole.security.Role;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.Paging;
import io.iotconsole.sim.SimGroups;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Users page: table with search, create and edit forms, and the lifecycle actions with their confirmations. */
@Controller
class UserController {
    private final Users users;
    private final UserLifecycle lifecycle;
    private final Organizations organizations;
    private final AccessPolicy access;
    private final SimGroups simGroups;
    private final ApiCredentials credentials;

    UserController(
            Users users,
            UserLifecycle lifecycle,
            Organizations organizations,
            AccessPolicy access,
            SimGroups simGroups,
            ApiCredentials credentials) {
        this.credentials = credentials;
        this.simGroups = simGroups;
        this.users = users;
        this.lifecycle = lifecycle;
        this.organizations = organizations;
        this.access = access;
    }

    @Allow(Permission.USER_VIEW)
    @GetMapping("/users")
    String list(
            @RequestParam(required = false) @Nullable UUID org,
            @RequestParam(required = false) @Nullable String q,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            jakarta.servlet.http.HttpServletRequest request,
            Model model) {
        String sort = request.getParameter("sort");
        model.addAttribute("sort", Users.sorting(sort));
        Paging paging = Paging.of(request, 25);
        UUID organizationId = organizationOf(org, model);
        model.addAttribute("q", q == null ? "" : q);
        if (organizationId != null) {
            var page = users.list(organizationId, q, sort, paging);
            model.addAttribute("page", page);
            model.addAttribute("credentials", credentials.of(page.items()));
            model.addAttribute("organization", organizations.get(organizationId));
        }
        model.addAttribute("me", CurrentUser.get().id());
        model.addAttribute("creatableRoles", creatableRoles());
        return htmx != null ? "user/list :: rows" : "user/list";
    }

    @Allow({
        Permission.USER_MANAGE_OWNER,
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @GetMapping("/users/new")
    String newForm(@RequestParam(required = false) @Nullable UUID org, Model model) {
        access.ownScope().narrowedTo(org);
        return form(
                model,
                new NewUser(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        org,
                        Arrays.stream(Dashboard.values()).map(Enum::name).collect(Collectors.toSet()),
                        null,
                        null,
                        Set.of(),
                        Set.copyOf(ApiCredentials.grantableCodes()),
                        null),
                null);
    }

    @Allow({
        Permission.USER_MANAGE_OWNER,
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @PostMapping("/users")
    String create(@ModelAttribute NewUser submitted, Model model, RedirectAttributes redirect) {
        // the form always sends the API user's fields; only an API user keeps them, and unticked scopes are none
        boolean api = Role.API_USER.name().equals(submitted.role());
        NewUser form = new NewUser(
                submitted.firstName(),
                submitted.lastName(),
                submitted.email(),
                submitted.role(),
                submitted.countryCode(),
                submitted.mobileNumber(),
                submitted.description(),
                submitted.organizationId(),
                submitted.dashboards(),
                submitted.clientIdSuffix(),
                submitted.clientSecret(),
                submitted.groupIds(),
                api ? (submitted.scopes() == null ? Set.of() : submitted.scopes()) : null,
                api ? submitted.expiresAt() : null);
        try {
            User user = users.create(form);
            redirect.addFlashAttribute(
                    "notice",
                    user.role() == Role.API_USER
                            ? "API user " + user.clientId() + " created."
                            : "Invitation sent to " + user.email() + ".");
            return "redirect:/users" + orgParam(user.organizationId());
        } catch (InvalidInputException e) {
            return form(model, form, e);
        }
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @GetMapping("/users/{id}/edit")
    String editForm(@PathVariable UUID id, Model model) {
        User user = users.get(id);
        access.requireAdminister(user.role());
        UserChanges form = new UserChanges(
                user.firstName(),
                user.lastName(),
                user.email(),
                user.role().name(),
                user.countryCode(),
                user.mobileNumber(),
                user.description(),
                user.dashboards().stream().map(Enum::name).collect(Collectors.toSet()),
                null,
                simGroups.assignedTo(Objects.requireNonNull(user.organizationId()), user.id()));
        return edit(model, user, form, null);
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @PostMapping("/users/{id}")
    String update(@PathVariable UUID id, @ModelAttribute UserChanges form, Model model, RedirectAttributes redirect) {
        // a form leaves unticked boxes out: no dashboards or groups ticked means none
        UserChanges withDashboards = new UserChanges(
                form.firstName(),
                form.lastName(),
                form.email(),
                form.role(),
                form.countryCode(),
                form.mobileNumber(),
                form.description(),
                form.dashboards() == null ? Set.of() : form.dashboards(),
                form.clientSecret(),
                form.groupIds() == null ? Set.of() : form.groupIds());
        try {
            User user = users.update(id, withDashboards);
            redirect.addFlashAttribute("notice", "Saved " + user.name() + ".");
            return "redirect:/users" + orgParam(user.organizationId());
        } catch (InvalidInputException e) {
            return edit(model, users.get(id), withDashboards, e);
        }
    }

    /** The confirmation pages: deactivate, resend and delete each ask first. */
    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @GetMapping("/users/{id}/{action:deactivate|resend|delete}")
    String confirm(@PathVariable UUID id, @PathVariable String action, Model model) {
        User user = users.get(id);
        access.requireAdminister(user.role());
        model.addAttribute("user", user);
        model.addAttribute("action", action);
        return "user/confirm";
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @PostMapping("/users/{id}/{action:deactivate|resend|delete}")
    String act(@PathVariable UUID id, @PathVariable String action, RedirectAttributes redirect) {
        User user = users.get(id);
        try {
            switch (action) {
                case "deactivate" -> lifecycle.deactivate(id);
                case "resend" -> lifecycle.resendVerification(id);
                default -> lifecycle.delete(id);
            }
            redirect.addFlashAttribute(
                    "notice",
                    switch (action) {
                        case "deactivate" -> user.name() + " is deactivated.";
                        case "resend" -> "A new activation link was sent to " + user.email() + ".";
                        default -> user.name() + " was deleted.";
                    });
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/users" + orgParam(user.organizationId());
    }

    private String form(Model model, NewUser form, @Nullable InvalidInputException errors) {
        model.addAttribute("form", form);
        UUID org =
                access.isOperator() ? form.organizationId() : access.ownScope().organizationIdOrNull();
        model.addAttribute("simGroups", org == null ? List.of() : simGroups.allOf(org));
        model.addAttribute("errors", errorsOf(errors));
        model.addAttribute("creatableRoles", creatableRoles());
        model.addAttribute("dashboards", Dashboard.values());
        model.addAttribute("apiScopes", ApiCredentialPagesController.grantableScopes());
        if (access.isOperator()) {
            model.addAttribute("organizations", organizations.visible());
        }
        return "user/form";
    }

    private String edit(Model model, User user, UserChanges form, @Nullable InvalidInputException errors) {
        model.addAttribute("user", user);
        model.addAttribute("simGroups", simGroups.allOf(Objects.requireNonNull(user.organizationId())));
        model.addAttribute("form", form);
        model.addAttribute("errors", errorsOf(errors));
        List<Role> roles = creatableRoles().stream()
                .filter(r -> (r == Role.API_USER) == (user.role() == Role.API_USER))
                .collect(Collectors.toList());
        if (!roles.contains(user.role())) {
            roles.add(0, user.role());
        }
        model.addAttribute("roles", roles);
        model.addAttribute("dashboards", Dashboard.values());
        return "user/edit";
    }

    static java.util.Map<String, String> errorsOf(@Nullable InvalidInputException e) {
        if (e == null) {
            return java.util.Map.of();
        }
        return e.byField();
    }

    private List<Role> creatableRoles() {
        return Arrays.stream(Role.organizationRoles())
                .filter(access::canCreateUser)
                .toList();
    }

    /** Users of the caller's organisation; the operator picks one. */
    private @Nullable UUID organizationOf(@Nullable UUID requested, Model model) {
        if (!access.isOperator()) {
            // another organisation's id answers 404, as everywhere
            return access.ownScope().narrowedTo(requested).organizationIdOrNull();
        }
        List<Organization> all = organizations.visible();
        model.addAttribute("organizations", all);
        return requested != null
                ? requested
                : all.stream().findFirst().map(Organization::id).orElse(null);
    }

    private String orgParam(@Nullable UUID organizationId) {
        return access.isOperator() && organizationId != null ? "?org=" + organizationId : "";
    }
}
