package io.iotconsole.onboarding;

import io.iotconsole.organization.Organization;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.user.Users;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Organisations page (the operator's list of accounts, or one's own organisation), new organisation, sign-up. */
@Controller
class OrganizationController {
    private final Onboarding onboarding;
    private final Users users;
    private final AccessPolicy access;

    OrganizationController(Onboarding onboarding, Users users, AccessPolicy access) {
        this.onboarding = onboarding;
        this.users = users;
        this.access = access;
    }

    /** Flat form fields; the owner's are prefixed so that error names match the API's {@code owner.email}. */
    record OrganizationForm(
            @Nullable String name,
            @Nullable String legalName,
            @Nullable String address,
            @Nullable String billingAddress,
            @Nullable String shippingAddress,
            @Nullable String ownerFirstName,
            @Nullable String ownerLastName,
            @Nullable String ownerEmail) {
        NewOrganization toNew() {
            return new NewOrganization(
                    name,
                    legalName,
                    address,
                    billingAddress,
                    shippingAddress,
                    new NewOrganization.Owner(ownerFirstName, ownerLastName, ownerEmail));
        }

        static OrganizationForm empty() {
            return new OrganizationForm(null, null, null, null, null, null, null, null);
        }
    }

    @Allow(Permission.ORGANISATION_VIEW)
    @GetMapping("/organizations")
    String list(jakarta.servlet.http.HttpServletRequest request, Model model) {
        String sort = request.getParameter("sort");
        model.addAttribute("sort", io.iotconsole.organization.Organizations.sorting(sort));
        model.addAttribute("page", onboarding.visible(sort, io.iotconsole.shared.Paging.of(request, 25)));
        model.addAttribute("topLevel", !access.isOperator() && onboarding.ownIsTopLevel());
        return "organization/list";
    }

    /** The operator's one-page form; for an Owner or Admin the sub-organisation wizard's first step. */
    @Allow(Permission.ORGANISATION_CREATE)
    @GetMapping("/organizations/new")
    String newForm(Model model) {
        model.addAttribute("form", OrganizationForm.empty());
        model.addAttribute("errors", Map.of());
        return access.isOperator() ? "organization/form" : wizardStep(model, "company");
    }

    /**
     * The sub-organisation wizard: company data, then the new Owner, then a summary to confirm. Every step posts
     * all fields (the others hidden), so nothing is kept on the server between steps and Back loses nothing.
     */
    @Allow(Permission.ORGANISATION_CREATE)
    @PostMapping("/organizations/wizard")
    String wizard(
            @ModelAttribute("form") OrganizationForm form,
            @RequestParam String step,
            @RequestParam(required = false) @Nullable String back,
            Model model,
            RedirectAttributes redirect) {
        access.require(Permission.ORGANISATION_CREATE);
        if (back != null) {
            return wizardStep(model, step.equals("summary") ? "owner" : "company");
        }
        NewOrganization in = form.toNew();
        var problems = switch (step) {
            case "company" -> in.company().problems();
            case "owner" -> users.ownerProblems(form.ownerFirstName(), form.ownerLastName(), form.ownerEmail());
            default -> java.util.List.<io.iotconsole.shared.InvalidInputException.FieldProblem>of();
        };
        if (!problems.isEmpty()) {
            model.addAttribute("errors", errors(new InvalidInputException(problems)));
            return wizardStep(model, step);
        }
        switch (step) {
            case "company":
                return wizardStep(model, "owner");
            case "owner":
                return wizardStep(model, "summary");
            default:
                try {
                    Organization org = onboarding.create(in);
                    redirect.addFlashAttribute(
                            "notice",
                            "Sub-organisation " + org.name() + " (" + org.accountNumber()
                                    + ") created; it is PENDING until its Owner sets a password.");
                    return "redirect:/organizations";
                } catch (InvalidInputException e) {
                    model.addAttribute("errors", errors(e));
                    return wizardStep(model, "summary");
                }
        }
    }

    private static String wizardStep(Model model, String step) {
        model.addAttribute("step", step);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "organization/wizard";
    }

    @Allow(Permission.ORGANISATION_CREATE)
    @PostMapping("/organizations")
    String create(@ModelAttribute("form") OrganizationForm form, Model model, RedirectAttributes redirect) {
        try {
            Organization org = onboarding.create(form.toNew());
            redirect.addFlashAttribute(
                    "notice",
                    "Organisation " + org.name() + " (" + org.accountNumber()
                            + ") created; its Owner has been sent an activation link.");
            return "redirect:/organizations";
        } catch (InvalidInputException e) {
            model.addAttribute("errors", errors(e));
            return "organization/form";
        }
    }

    @Allow(Permission.ORGANISATION_DELETE)
    @GetMapping("/organizations/{id}/delete")
    String confirmDelete(@PathVariable UUID id, Model model) {
        access.require(Permission.ORGANISATION_DELETE);
        model.addAttribute("summary", onboarding.get(id));
        return "organization/delete";
    }

    @Allow(Permission.ORGANISATION_DELETE)
    @PostMapping("/organizations/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        String name = onboarding.get(id).organization().name();
        try {
            onboarding.deleteSubOrganization(id);
            redirect.addFlashAttribute("notice", "Sub-organisation " + name + " was deleted.");
        } catch (io.iotconsole.shared.ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/organizations";
    }

    /** A PENDING organisation's Owner gets a new invitation: asked first, on a page of its own. */
    @Allow(Permission.ORGANISATION_CREATE)
    @GetMapping("/organizations/{id}/resend")
    String confirmResend(@PathVariable UUID id, Model model) {
        model.addAttribute("summary", onboarding.get(id));
        return "organization/resend";
    }

    @Allow(Permission.ORGANISATION_CREATE)
    @PostMapping("/organizations/{id}/resend")
    String resend(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            var owner = onboarding.resendOwnerInvitation(id);
            redirect.addFlashAttribute(
                    "notice",
                    "A new invitation was sent to " + owner.email() + "; the link sent before no longer works.");
        } catch (io.iotconsole.shared.ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/organizations";
    }

    @Allow(who = Allow.Who.PUBLIC)
    @GetMapping("/signup")
    String signupForm(Model model) {
        requireSignup();
        model.addAttribute("form", new SignupRequest(null, null, null, null));
        model.addAttribute("errors", Map.of());
        return "organization/signup";
    }

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/signup")
    String signup(@ModelAttribute("form") SignupRequest form, Model model) {
        requireSignup();
        try {
            onboarding.signUp(form.toNewOrganization());
            model.addAttribute("done", true);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", errors(e));
        }
        return "organization/signup";
    }

    private void requireSignup() {
        if (!onboarding.signupEnabled()) {
            throw new io.iotconsole.shared.NotFoundException("Sign-up");
        }
    }

    private static Map<String, String> errors(InvalidInputException e) {
        return e.problems().stream()
                .collect(Collectors.toMap(
                        p -> p.field().startsWith("owner.")
                                ? "owner" + Character.toUpperCase(p.field().charAt(6))
                                        + p.field().substring(7)
                                : p.field(),
                        p -> p.message(),
                        (a, b) -> a + "; " + b));
    }
}
