package io.iotconsole.sim;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.Paging;
import jakarta.servlet.http.HttpServletRequest;
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
 * The SIM groups page: the organisation's groups with their SIM counts (sim.view; a Group user's own), and for
 * group.manage creating, renaming and deleting them. The operator picks the organisation, as on the SIM list.
 */
@Controller
class SimGroupController {
    private final SimGroups groups;
    private final Organizations organizations;
    private final AccessPolicy access;

    SimGroupController(SimGroups groups, Organizations organizations, AccessPolicy access) {
        this.groups = groups;
        this.organizations = organizations;
        this.access = access;
    }

    @Allow(Permission.SIM_VIEW)
    @GetMapping("/groups")
    String list(
            @RequestParam(required = false) @Nullable UUID organizationId, HttpServletRequest request, Model model) {
        return listPage(organizationId, request, model);
    }

    @Allow(Permission.GROUP_MANAGE)
    @PostMapping("/groups")
    String create(
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable UUID organizationId,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        try {
            var group = groups.create(name, organizationId);
            redirect.addFlashAttribute("notice", "Group \"" + group.name() + "\" created.");
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.byField());
            model.addAttribute("name", name);
            return listPage(organizationId, request, model);
        } catch (ConflictException e) {
            model.addAttribute("errors", Map.of("name", e.getMessage()));
            model.addAttribute("name", name);
            return listPage(organizationId, request, model);
        }
        redirect.addAttribute("organizationId", organizationId);
        return "redirect:/groups";
    }

    @Allow(Permission.SIM_VIEW)
    @GetMapping("/groups/{id}")
    String detail(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID organizationId, Model model) {
        model.addAttribute("group", groups.get(id, organizationId));
        model.addAttribute("organizationId", organizationId);
        return "sim/group";
    }

    @Allow(Permission.GROUP_MANAGE)
    @PostMapping("/groups/{id}")
    String rename(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable UUID organizationId,
            Model model,
            RedirectAttributes redirect) {
        try {
            var group = groups.rename(id, name, organizationId);
            redirect.addFlashAttribute("notice", "Group renamed to \"" + group.name() + "\".");
        } catch (InvalidInputException e) {
            return detailAgain(id, organizationId, name, e.byField(), model);
        } catch (ConflictException e) {
            return detailAgain(id, organizationId, name, Map.of("name", e.getMessage()), model);
        }
        redirect.addAttribute("organizationId", organizationId);
        return "redirect:/groups/" + id;
    }

    @Allow(Permission.GROUP_MANAGE)
    @GetMapping("/groups/{id}/delete")
    String confirmDelete(
            @PathVariable UUID id, @RequestParam(required = false) @Nullable UUID organizationId, Model model) {
        model.addAttribute("group", groups.get(id, organizationId));
        model.addAttribute("stranded", groups.strandedUsers(id, organizationId));
        model.addAttribute("organizationId", organizationId);
        return "sim/group-delete";
    }

    /** The group's SIMs stay in the organisation, outside any group (as the API's delete). */
    @Allow(Permission.GROUP_MANAGE)
    @PostMapping("/groups/{id}/delete")
    String delete(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable UUID organizationId,
            RedirectAttributes redirect) {
        var group = groups.get(id, organizationId);
        groups.delete(id, organizationId);
        redirect.addFlashAttribute(
                "notice",
                "Group \"" + group.name() + "\" deleted"
                        + (group.simCount() == 0
                                ? "."
                                : "; its " + group.simCount() + (group.simCount() == 1 ? " SIM is" : " SIMs are")
                                        + " now in no group."));
        redirect.addAttribute("organizationId", organizationId);
        return "redirect:/groups";
    }

    private String detailAgain(
            UUID id, @Nullable UUID organizationId, @Nullable String name, Map<String, String> errors, Model model) {
        model.addAttribute("group", groups.get(id, organizationId));
        model.addAttribute("organizationId", organizationId);
        model.addAttribute("errors", errors);
        model.addAttribute("name", name);
        return "sim/group";
    }

    private String listPage(@Nullable UUID organizationId, HttpServletRequest request, Model model) {
        UUID org = organizationId;
        if (access.isOperator()) {
            List<Organization> all = organizations.visible();
            model.addAttribute("organizations", all);
            if (org == null) {
                org = all.stream().findFirst().map(Organization::id).orElse(null);
            }
        }
        model.addAttribute("organizationId", org);
        model.addAttribute("sort", groups.sorting(request.getParameter("sort")));
        if (!access.isOperator() || org != null) {
            model.addAttribute("page", groups.page(request.getParameter("sort"), Paging.of(request, 25), org));
        }
        return "sim/groups";
    }
}
