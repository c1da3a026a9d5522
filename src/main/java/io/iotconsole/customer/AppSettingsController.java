package io.iotconsole.customer;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The console page where an organisation sets its customer app's address, name, colour and logo. */
@Controller
class AppSettingsController {
    private final CustomerAppSettings apps;
    private final Organizations organizations;
    private final AccessPolicy access;
    private final RemoteAssistance assistance;

    AppSettingsController(
            CustomerAppSettings apps, Organizations organizations, AccessPolicy access, RemoteAssistance assistance) {
        this.apps = apps;
        this.organizations = organizations;
        this.access = access;
        this.assistance = assistance;
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @GetMapping("/app-settings")
    String page(@RequestParam(required = false) @Nullable UUID organizationId, Model model) {
        AppBrand brand = apps.settings(organization(organizationId, model));
        model.addAttribute(
                "form", new CustomerAppSettings.Form(brand.customSlug(), brand.customName(), brand.customColor()));
        return show(brand, model);
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/app-settings")
    String save(
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable String slug,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String color,
            HttpServletResponse response,
            Model model) {
        UUID org = named(organizationId, model);
        CustomerAppSettings.Form form = new CustomerAppSettings.Form(slug, name, color);
        try {
            apps.save(org, form);
            return "redirect:/app-settings?saved&organizationId=" + org;
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("form", form);
            model.addAttribute("errors", e.byField());
            return show(apps.settings(org), model);
        }
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/app-settings/logo")
    String logo(
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable MultipartFile logo,
            HttpServletResponse response,
            Model model)
            throws IOException {
        UUID org = named(organizationId, model);
        try {
            // the size is checked before anything is read: an oversized file is never loaded into memory
            long size = logo == null ? 0 : logo.getSize();
            byte[] bytes =
                    logo == null || size == 0 || size > CustomerAppSettings.MAX_LOGO_BYTES ? null : logo.getBytes();
            apps.saveLogo(org, size, bytes == null && size > 0 ? new byte[0] : bytes);
            return "redirect:/app-settings?logoSaved&organizationId=" + org;
        } catch (InvalidInputException e) {
            response.setStatus(400);
            AppBrand brand = apps.settings(org);
            model.addAttribute(
                    "form", new CustomerAppSettings.Form(brand.customSlug(), brand.customName(), brand.customColor()));
            model.addAttribute("errors", e.byField());
            return show(brand, model);
        }
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/app-settings/logo/delete")
    String removeLogo(@RequestParam(required = false) @Nullable UUID organizationId, Model model) {
        UUID org = named(organizationId, model);
        apps.removeLogo(org);
        return "redirect:/app-settings?logoRemoved&organizationId=" + org;
    }

    /** The organisation the page is about; the operator gets the list to choose from (the first one by default). */
    private UUID organization(@Nullable UUID requested, Model model) {
        UUID org = apps.organizationFor(requested);
        if (access.isOperator()) {
            List<Organization> all = organizations.visible();
            model.addAttribute("organizations", all);
            if (org == null) {
                org = all.stream()
                        .findFirst()
                        .map(Organization::id)
                        .orElseThrow(() -> new NotFoundException("Organisation"));
            }
        }
        if (org == null) {
            throw new NotFoundException("Organisation");
        }
        return org;
    }

    /** For a change: the operator names the organisation (the page's forms always do); 400 otherwise. */
    private UUID named(@Nullable UUID requested, Model model) {
        if (requested == null && access.isOperator()) {
            throw InvalidInputException.of("organizationId", "Name the organisation whose app this is");
        }
        return organization(requested, model);
    }

    /** Remote assistance: the customer's approval first or not, the session's length, read-only or not. */
    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/app-settings/assistance")
    String saveAssistance(
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(defaultValue = "false") boolean consentRequired,
            @RequestParam(required = false) @Nullable String minutes,
            @RequestParam(defaultValue = "false") boolean readOnly,
            HttpServletResponse response,
            Model model) {
        UUID org = named(organizationId, model);
        try {
            assistance.savePolicy(org, consentRequired, minutes, readOnly);
            return "redirect:/app-settings?assistanceSaved&organizationId=" + org;
        } catch (InvalidInputException e) {
            response.setStatus(400);
            AppBrand brand = apps.settings(org);
            model.addAttribute(
                    "form", new CustomerAppSettings.Form(brand.customSlug(), brand.customName(), brand.customColor()));
            model.addAttribute("assistanceErrors", e.byField());
            model.addAttribute("assistanceTyped", minutes);
            return show(brand, model);
        }
    }

    private String show(AppBrand brand, Model model) {
        model.addAttribute("assistance", assistance.policy(brand.organizationId()));
        model.addAttribute("brand", brand);
        model.addAttribute("organizationId", brand.organizationId());
        model.addAttribute("maxLogoKb", CustomerAppSettings.MAX_LOGO_BYTES / 1024);
        return "customer/app-settings";
    }
}
