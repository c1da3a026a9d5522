package io.iotconsole.webhook;

import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Webhooks pages: the endpoints, a new one (its secret shown once), one endpoint's settings, secret rotation,
 * test ping and delete, and its delivery log with "send again".
 */
@Controller
class WebhookController {
    private final Webhooks webhooks;
    private final Organizations organizations;
    private final AccessPolicy access;

    WebhookController(Webhooks webhooks, Organizations organizations, AccessPolicy access) {
        this.webhooks = webhooks;
        this.organizations = organizations;
        this.access = access;
    }

    /** What a form holds, to show it again with its problems. */
    record Form(
            @Nullable String url,
            @Nullable String description,
            List<String> eventTypes,
            boolean enabled,
            @Nullable UUID organizationId) {}

    @Allow(Permission.ACCOUNT_COMPANY)
    @GetMapping("/webhooks")
    String list(@RequestParam(required = false) @Nullable UUID organizationId, Model model) {
        model.addAttribute("endpoints", webhooks.list(organizationId));
        return "webhook/list";
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @GetMapping("/webhooks/new")
    String newForm(@RequestParam(required = false) @Nullable UUID organizationId, Model model) {
        return form(new Form(null, null, List.of(), true, organizationId), Map.of(), model);
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/webhooks")
    String create(
            @RequestParam(required = false) @Nullable String url,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable List<String> eventTypes,
            @RequestParam(required = false) @Nullable UUID organizationId,
            HttpServletResponse response,
            Model model) {
        List<String> types = eventTypes == null ? List.of() : eventTypes;
        try {
            var created = webhooks.create(new WebhookInput(url, description, types, null), organizationId);
            return detail(created.endpoint(), created.secret(), null, Map.of(), response, model);
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return form(new Form(url, description, types, true, organizationId), e.byField(), model);
        }
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @GetMapping("/webhooks/{id}")
    String detail(@PathVariable UUID id, HttpServletResponse response, Model model) {
        return detail(webhooks.get(id), null, null, Map.of(), response, model);
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/webhooks/{id}")
    String update(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String url,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable List<String> eventTypes,
            @RequestParam(required = false) @Nullable String enabled,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        WebhookEndpoint current = webhooks.get(id);
        List<String> types = eventTypes == null ? List.of() : eventTypes;
        try {
            // a form always sends its description: blank clears it
            webhooks.update(id, new WebhookInput(url, description == null ? "" : description, types, enabled != null));
        } catch (InvalidInputException e) {
            response.setStatus(400);
            Form form = new Form(url, description, types, enabled != null, current.organizationId());
            return detail(current, null, form, e.byField(), response, model);
        }
        redirect.addFlashAttribute("notice", "Endpoint saved.");
        return "redirect:/webhooks/" + id;
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/webhooks/{id}/rotate-secret")
    String rotate(@PathVariable UUID id, HttpServletResponse response, Model model) {
        String secret = webhooks.rotateSecret(id);
        return detail(webhooks.get(id), secret, null, Map.of(), response, model);
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/webhooks/{id}/ping")
    String ping(@PathVariable UUID id, RedirectAttributes redirect) {
        String event = webhooks.ping(id);
        redirect.addFlashAttribute(
                "notice", "Test ping " + event + " queued: its tries appear in the delivery log below.");
        return "redirect:/webhooks/" + id;
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/webhooks/{id}/deliveries/{deliveryId}/send-again")
    String sendAgain(@PathVariable UUID id, @PathVariable UUID deliveryId, RedirectAttributes redirect) {
        webhooks.sendAgain(id, deliveryId);
        redirect.addFlashAttribute("notice", "The delivery will be sent again shortly.");
        return "redirect:/webhooks/" + id;
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @GetMapping("/webhooks/{id}/delete")
    String confirmDelete(@PathVariable UUID id, Model model) {
        model.addAttribute("endpoint", webhooks.get(id));
        return "webhook/delete";
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/webhooks/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        WebhookEndpoint endpoint = webhooks.get(id);
        webhooks.delete(id);
        redirect.addFlashAttribute("notice", "Endpoint " + endpoint.url() + " deleted.");
        return "redirect:/webhooks";
    }

    private String form(Form form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("types", WebhookEvents.TYPES);
        model.addAttribute("httpAllowed", webhooks.httpAllowed());
        if (access.isOperator()) {
            model.addAttribute("organizations", organizations.visible());
        }
        return "webhook/new";
    }

    private String detail(
            WebhookEndpoint endpoint,
            @Nullable String secret,
            @Nullable Form form,
            Map<String, String> errors,
            HttpServletResponse response,
            Model model) {
        if (secret != null) {
            // the secret is shown this once: no cache keeps the page
            response.setHeader("Cache-Control", "no-store");
        }
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("secret", secret);
        model.addAttribute(
                "form",
                form != null
                        ? form
                        : new Form(
                                endpoint.url(),
                                endpoint.description(),
                                endpoint.eventTypes(),
                                endpoint.enabled(),
                                endpoint.organizationId()));
        model.addAttribute("errors", errors);
        model.addAttribute("types", WebhookEvents.TYPES);
        model.addAttribute("attempts", webhooks.attempts(endpoint.id()));
        return "webhook/detail";
    }
}
