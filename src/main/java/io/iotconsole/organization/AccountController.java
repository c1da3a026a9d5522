package io.iotconsole.organization;

import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organisation's account page: account number, status and company data with the billing and shipping address;
 * a form for the roles that may change them (account.company), the same data read-only for everyone else. The
 * operator opens any organisation's page from the organisations list.
 */
@Controller
class AccountController {
    private final Organizations organizations;
    private final DormancySettings dormancy;
    private final AccessPolicy access;

    AccountController(Organizations organizations, DormancySettings dormancy, AccessPolicy access) {
        this.organizations = organizations;
        this.dormancy = dormancy;
        this.access = access;
    }

    @Allow(Permission.ACCOUNT_VIEW)
    @GetMapping("/account")
    String account(@RequestParam(required = false) @Nullable UUID organizationId, Model model) {
        if (organizationId == null && access.isOperator()) {
            return "redirect:/organizations";
        }
        Organization org = organizations.account(organizationId);
        return page(model, org, companyOf(org), Map.of());
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/account")
    String save(
            @RequestParam(required = false) @Nullable UUID organizationId,
            @ModelAttribute CompanyData form,
            Model model,
            RedirectAttributes redirect) {
        if (organizationId == null && access.isOperator()) {
            return "redirect:/organizations";
        }
        try {
            Organization org = organizations.updateCompanyData(organizationId, form);
            redirect.addFlashAttribute("notice", "The company data of " + org.name() + " is saved.");
            return access.isOperator() ? "redirect:/account?organizationId=" + org.id() : "redirect:/account";
        } catch (InvalidInputException e) {
            return page(model, organizations.account(organizationId), form, e.byField());
        }
    }

    /** Dormant accounts: after how many days without a sign-in users are deactivated, or never. */
    @Allow(Permission.USER_MANAGE_ADMIN)
    @PostMapping("/account/dormancy")
    String saveDormancy(
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam(required = false) @Nullable String dormantAfterDays,
            Model model,
            RedirectAttributes redirect) {
        if (organizationId == null && access.isOperator()) {
            return "redirect:/organizations";
        }
        try {
            dormancy.change(organizationId, enabled, dormantAfterDays);
            redirect.addFlashAttribute(
                    "notice",
                    enabled
                            ? "Users who do not sign in for " + dormantAfterDays.strip() + " days are now deactivated."
                            : "Users are no longer deactivated for not signing in.");
            return access.isOperator() ? "redirect:/account?organizationId=" + organizationId : "redirect:/account";
        } catch (InvalidInputException e) {
            Organization org = organizations.account(organizationId);
            page(model, org, companyOf(org), Map.of());
            model.addAttribute("dormancyErrors", e.byField());
            model.addAttribute("dormancyTyped", dormantAfterDays);
            return "organization/account";
        }
    }

    private String page(Model model, Organization org, CompanyData form, Map<String, String> errors) {
        model.addAttribute("dormantAfterDays", dormancy.daysOf(org.id()));
        model.addAttribute("dormancyEditable", dormancy.mayChange());
        model.addAttribute("dormancyErrors", Map.of());
        model.addAttribute("organization", org);
        model.addAttribute(
                "parent",
                org.parentId() == null
                        ? null
                        : organizations.find(org.parentId()).orElse(null));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("editable", access.can(Permission.ACCOUNT_COMPANY));
        return "organization/account";
    }

    private static CompanyData companyOf(Organization org) {
        return new CompanyData(org.name(), org.legalName(), org.address(), org.billingAddress(), org.shippingAddress());
    }
}
