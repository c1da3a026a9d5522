package io.iotconsole.customer;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.Paging;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
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

/** The Customers pages: lookup as one types, create and edit, a customer's page and its actions. */
@Controller
class CustomerController {
    private final Customers customers;
    private final RemoteAssistance assistance;
    private final Organizations organizations;

    private final io.iotconsole.security.AccessPolicy access;

    CustomerController(
            Customers customers,
            RemoteAssistance assistance,
            Organizations organizations,
            io.iotconsole.security.AccessPolicy access) {
        this.access = access;
        this.customers = customers;
        this.assistance = assistance;
        this.organizations = organizations;
    }

    @Allow(Permission.CUSTOMER_VIEW)
    @GetMapping("/customers")
    String list(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            HttpServletRequest request,
            Model model) {
        String sort = request.getParameter("sort");
        model.addAttribute("sort", Customers.sorting(sort));
        Paging paging = Paging.of(request, 25);
        UUID org = organizationId;
        if (access.isOperator()) {
            List<Organization> all = organizations.visible();
            model.addAttribute("organizations", all);
            if (org == null && !all.isEmpty()) {
                org = all.get(0).id();
            }
            model.addAttribute("organizationId", org);
        }
        model.addAttribute("q", q);
        if (!access.isOperator() || org != null) {
            model.addAttribute("page", customers.search(q, org, sort, paging));
        }
        model.addAttribute("countCap", Customers.COUNT_CAP);
        return htmx != null ? "customer/list :: rows" : "customer/list";
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @GetMapping("/customers/new")
    String newForm(@RequestParam(required = false) @Nullable UUID organizationId, Model model) {
        customers.scope(io.iotconsole.security.Permission.CUSTOMER_MANAGE, organizationId);
        model.addAttribute("form", new CustomerInput(null, null, null, null, null));
        model.addAttribute("organizationId", organizationId);
        return "customer/form";
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping("/customers")
    String create(
            @ModelAttribute CustomerInput form,
            @RequestParam(required = false) @Nullable UUID organizationId,
            Model model,
            RedirectAttributes redirect) {
        try {
            Customer c = customers.create(form, organizationId);
            redirect.addFlashAttribute(
                    "notice", c.name() + " is added and was mailed a link to set a password in the app.");
            return "redirect:/customers/" + c.id();
        } catch (InvalidInputException e) {
            model.addAttribute("form", form);
            model.addAttribute("organizationId", organizationId);
            model.addAttribute("errors", e.byField());
            return "customer/form";
        }
    }

    @Allow(Permission.CUSTOMER_VIEW)
    @GetMapping("/customers/{id}")
    String detail(@PathVariable UUID id, HttpServletRequest request, Model model) {
        String sort = request.getParameter("sort");
        model.addAttribute("sort", Customers.deviceSorting(sort));
        model.addAttribute("details", customers.details(id, sort, Paging.of(request, 50)));
        return "customer/detail";
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @GetMapping("/customers/{id}/edit")
    String editForm(@PathVariable UUID id, Model model) {
        Customer c = customers.get(io.iotconsole.security.Permission.CUSTOMER_MANAGE, id);
        model.addAttribute("customer", c);
        model.addAttribute(
                "form", new CustomerInput(c.firstName(), c.lastName(), c.email(), c.countryCode(), c.phone()));
        return "customer/form";
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping("/customers/{id}")
    String update(@PathVariable UUID id, @ModelAttribute CustomerInput form, Model model, RedirectAttributes redirect) {
        try {
            customers.update(id, form);
            redirect.addFlashAttribute("notice", "Saved.");
            return "redirect:/customers/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("customer", customers.get(id));
            model.addAttribute("form", form);
            model.addAttribute("errors", e.byField());
            return "customer/form";
        }
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @GetMapping("/customers/{id}/{action:password|disable|enable}")
    String actionForm(
            @PathVariable UUID id,
            @PathVariable String action,
            @RequestParam(required = false) @Nullable String back,
            Model model) {
        model.addAttribute("customer", customers.get(Permission.CUSTOMER_MANAGE, id));
        model.addAttribute("action", action);
        model.addAttribute("back", LookupReturn.of(back));
        return "customer/action";
    }

    @Allow(Permission.CUSTOMER_REMOTE_ASSIST)
    @GetMapping("/customers/{id}/assist")
    String assistForm(@PathVariable UUID id, @RequestParam(required = false) @Nullable String back, Model model) {
        model.addAttribute("customer", customers.get(Permission.CUSTOMER_REMOTE_ASSIST, id));
        model.addAttribute("action", "assist");
        model.addAttribute("policy", assistance.policyFor(id));
        model.addAttribute("back", LookupReturn.of(back));
        return "customer/action";
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping("/customers/{id}/password")
    String password(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String password,
            @RequestParam(required = false) @Nullable String confirmation,
            @RequestParam(required = false) @Nullable String back,
            Model model,
            RedirectAttributes redirect) {
        String lookup = LookupReturn.of(back);
        try {
            customers.setPassword(id, password, confirmation);
            redirect.addFlashAttribute(
                    "notice", "The new password works now; every other session of the customer ended.");
            return "redirect:" + (lookup != null ? lookup : "/customers/" + id);
        } catch (InvalidInputException e) {
            model.addAttribute("customer", customers.get(id));
            model.addAttribute("action", "password");
            model.addAttribute("back", lookup);
            model.addAttribute("errors", e.byField());
            return "customer/action";
        }
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping("/customers/{id}/{action:disable|enable}")
    String status(
            @PathVariable UUID id,
            @PathVariable String action,
            @RequestParam(required = false) @Nullable String back,
            RedirectAttributes redirect) {
        String lookup = LookupReturn.of(back);
        Customer c = action.equals("disable") ? customers.disable(id) : customers.enable(id);
        redirect.addFlashAttribute(
                "notice",
                c.name()
                        + (action.equals("disable")
                                ? " is disabled: the app refuses them from their next request."
                                : " is enabled again; they sign in anew."));
        return "redirect:" + (lookup != null ? lookup : "/customers/" + id);
    }

    /**
     * Opens the customer's app in this browser, signed in as the customer, or, when the organisation wants the
     * customer's approval, asks for it and shows the request's state.
     */
    @Allow(Permission.CUSTOMER_REMOTE_ASSIST)
    @PostMapping("/customers/{id}/assist")
    String assist(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @Nullable String back,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            RemoteAssistance.Start start = assistance.start(id, reason);
            if (!start.started()) {
                return "redirect:/customers/" + id + "/assist/status";
            }
            return openApp(start, request, response);
        } catch (InvalidInputException e) {
            model.addAttribute("customer", customers.get(id));
            model.addAttribute("action", "assist");
            model.addAttribute("policy", assistance.policyFor(id));
            model.addAttribute("back", LookupReturn.of(back));
            model.addAttribute("errors", e.byField());
            return "customer/action";
        }
    }

    /** The state of the caller's latest request: waiting, approved (with the button to open), declined, expired. */
    @Allow(Permission.CUSTOMER_REMOTE_ASSIST)
    @GetMapping("/customers/{id}/assist/status")
    String assistStatus(@PathVariable UUID id, Model model) {
        model.addAttribute("customer", customers.get(Permission.CUSTOMER_REMOTE_ASSIST, id));
        model.addAttribute("request", assistance.latest(id).orElse(null));
        return "customer/assist-status";
    }

    @Allow(Permission.CUSTOMER_REMOTE_ASSIST)
    @PostMapping("/customers/{id}/assist/open")
    String openApproved(
            @PathVariable UUID id,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            return openApp(assistance.openApproved(id), request, response);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/customers/" + id + "/assist/status";
        }
    }

    private static String openApp(
            RemoteAssistance.Start start, HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                "Set-Cookie",
                CustomerAppController.sessionCookie(
                                java.util.Objects.requireNonNull(start.token()), request, start.validity())
                        .toString());
        return "redirect:/app";
    }
}
