package io.iotconsole.sim;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.Paging;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
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

/**
 * The SIMs page: filters, sortable columns, paging, a SIM's details with its actions and edit form, and the CSV export
 * of the filtered list.
 */
@Controller
class SimController {
    private final SimCards sims;
    private final SimActions actions;
    private final Organizations organizations;
    private final AccessPolicy access;
    private final CsvExport csv;
    private final SimGroups groups;

    SimController(
            SimCards sims,
            SimActions actions,
            SimGroups groups,
            Organizations organizations,
            AccessPolicy access,
            CsvExport csv) {
        this.groups = groups;
        this.access = access;
        this.sims = sims;
        this.actions = actions;
        this.organizations = organizations;
        this.csv = csv;
    }

    @Allow(Permission.SIM_VIEW)
    @GetMapping("/sims")
    String list(
            @ModelAttribute("filter") SimFilter filter,
            HttpServletRequest request,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        SimFilter scoped = forOperator(filter, model);
        model.addAttribute("filter", scoped);
        model.addAttribute("states", SimState.values());
        model.addAttribute("sort", scoped.sorting());
        if (!access.isOperator() || scoped.organizationId() != null) {
            model.addAttribute("page", sims.list(scoped, Paging.of(request, 25)));
            groupsOf(scoped.organizationId(), model);
            String query = request.getQueryString();
            model.addAttribute("back", "/sims" + (query == null ? "" : "?" + query));
        }
        return htmx != null ? "sim/list :: rows" : "sim/list";
    }

    @Allow(Permission.SIM_VIEW)
    @GetMapping("/sims/{iccid:[0-9]+}")
    String detail(
            @PathVariable String iccid, @RequestParam(required = false) @Nullable UUID organizationId, Model model) {
        return detailPage(sims.get(iccid, organizationId), model);
    }

    private String detailPage(SimCard sim, Model model) {
        model.addAttribute("sim", sim);
        model.addAttribute("states", SimState.values());
        model.addAttribute(
                "group",
                sim.groupId() == null
                        ? null
                        : groups.list(access.isOperator() ? sim.organizationId() : null).stream()
                                .filter(g -> g.id().equals(sim.groupId()))
                                .map(SimGroups.SimGroup::name)
                                .findFirst()
                                .orElse(null));
        return "sim/detail";
    }

    /** The organisation's groups for the filter, the bulk move and the Group column (a Group user's own only). */
    private void groupsOf(@Nullable UUID organizationId, Model model) {
        List<SimGroups.SimGroup> all = groups.list(organizationId);
        Map<UUID, String> names = new HashMap<>();
        all.forEach(g -> names.put(g.id(), g.name()));
        model.addAttribute("groups", all);
        model.addAttribute("groupNames", names);
    }

    /**
     * The label, IMEI and IMEI lock in one form (label: sim.state, IMEI and lock: sim.imei_lock). Bad input comes
     * back on the SIM's page with what was typed and the field named; nothing is changed.
     */
    @Allow({Permission.SIM_STATE, Permission.SIM_IMEI_LOCK})
    @PostMapping("/sims/{iccid:[0-9]+}/edit")
    String edit(
            @PathVariable String iccid,
            @RequestParam(required = false) @Nullable String label,
            @RequestParam(required = false) @Nullable String imei,
            @RequestParam(required = false) @Nullable String imeiLock,
            @RequestParam(name = "_imeiLock", required = false) @Nullable String imeiLockShown,
            @RequestParam(required = false) @Nullable UUID organizationId,
            Model model,
            RedirectAttributes redirect) {
        Boolean lock = imeiLockShown == null ? null : imeiLock != null && !imeiLock.equals("false");
        try {
            var changed = actions.edit(iccid, label, lock, imei, organizationId);
            redirect.addFlashAttribute("notice", changed.isPresent() ? "Saved." : "Nothing to change.");
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.byField());
            Map<String, Object> typed = new HashMap<>();
            typed.put("label", label);
            typed.put("imei", imei);
            typed.put("imeiLock", lock);
            model.addAttribute("typed", typed);
            return detailPage(sims.get(iccid, organizationId), model);
        } catch (NetworkRefusedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        redirect.addAttribute("organizationId", organizationId);
        return "redirect:/sims/" + iccid;
    }

    /* One form per action on the detail page, each its own address and permission; back with the network's answer. */

    /** A state that cuts the SIM off (SUSPENDED, DEACTIVATED) is asked about first: the page names the SIM. */
    @Allow(Permission.SIM_STATE)
    @PostMapping("/sims/{iccid:[0-9]+}/state")
    String state(
            @PathVariable String iccid,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable String confirmed,
            Model model,
            RedirectAttributes redirect) {
        boolean cutsOff = value != null
                && (value.strip().equalsIgnoreCase("SUSPENDED") || value.strip().equalsIgnoreCase("DEACTIVATED"));
        if (cutsOff && !"true".equals(confirmed)) {
            model.addAttribute("sim", actions.checkedFor(Permission.SIM_STATE, iccid, organizationId));
            model.addAttribute("value", value.strip().toUpperCase(java.util.Locale.ROOT));
            model.addAttribute("organizationId", organizationId);
            return "sim/confirm-state";
        }
        return answer(
                iccid,
                organizationId,
                redirect,
                () -> "State is now "
                        + actions.change(iccid, changes(value, null, null, null, organizationId))
                                .state()
                                .name());
    }

    @Allow(Permission.SIM_IMEI_LOCK)
    @PostMapping("/sims/{iccid:[0-9]+}/imei-lock")
    String imeiLock(
            @PathVariable String iccid,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable String imei,
            @RequestParam(required = false) @Nullable UUID organizationId,
            RedirectAttributes redirect) {
        return answer(iccid, organizationId, redirect, () -> {
            boolean lock = Boolean.parseBoolean(value);
            String device = lock && imei != null && !imei.isBlank() ? imei : null;
            SimCard sim = actions.change(iccid, changes(null, lock, device, null, organizationId));
            return sim.imeiLock() ? "IMEI lock set" + (device == null ? "" : " to " + sim.imei()) : "IMEI lock cleared";
        });
    }

    @Allow(Permission.SIM_MONTHLY_LIMIT)
    @PostMapping("/sims/{iccid:[0-9]+}/limit")
    String limit(
            @PathVariable String iccid,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable UUID organizationId,
            RedirectAttributes redirect) {
        return answer(iccid, organizationId, redirect, () -> {
            Integer limit = number(iccid, organizationId, "monthlyLimitMb", value, true);
            actions.change(iccid, changes(null, null, null, limit, organizationId));
            return "Monthly limit saved";
        });
    }

    @Allow(Permission.SIM_RESET_CONNECTIVITY)
    @PostMapping("/sims/{iccid:[0-9]+}/reset")
    String reset(
            @PathVariable String iccid,
            @RequestParam(required = false) @Nullable UUID organizationId,
            RedirectAttributes redirect) {
        return answer(
                iccid,
                organizationId,
                redirect,
                () -> actions.resetConnectivity(iccid, organizationId).message());
    }

    @Allow(Permission.SIM_SMS)
    @PostMapping("/sims/{iccid:[0-9]+}/sms")
    String sms(
            @PathVariable String iccid,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable UUID organizationId,
            RedirectAttributes redirect) {
        return answer(
                iccid,
                organizationId,
                redirect,
                () -> actions.sendSms(iccid, value, organizationId).message());
    }

    @Allow(Permission.SIM_TOP_UP)
    @PostMapping("/sims/{iccid:[0-9]+}/top-up")
    String topUp(
            @PathVariable String iccid,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable UUID organizationId,
            RedirectAttributes redirect) {
        return answer(
                iccid,
                organizationId,
                redirect,
                () -> actions.topUp(iccid, number(iccid, organizationId, "megabytes", value, false), organizationId)
                        .message());
    }

    @Allow(Permission.SIM_TOP_UP)
    @PostMapping("/sims/{iccid:[0-9]+}/auto-top-up")
    String autoTopUp(
            @PathVariable String iccid,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable UUID organizationId,
            RedirectAttributes redirect) {
        return answer(iccid, organizationId, redirect, () -> {
            Integer mb = number(iccid, organizationId, "autoTopUpMb", value, true);
            actions.change(iccid, new SimChanges(null, null, null, null, mb, null, null, organizationId));
            return mb == 0 ? "Auto top-up turned off" : "Auto top-up set to " + mb + " MB";
        });
    }

    /**
     * Carries out one action and comes back to the SIM's page with the network's answer, or with the reason the change
     * was refused (by its checks or by the network), in which case nothing changed.
     */
    private String answer(
            String iccid, @Nullable UUID organizationId, RedirectAttributes redirect, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get() + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.problems().get(0).message());
        } catch (NetworkRefusedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        redirect.addAttribute("organizationId", organizationId);
        return "redirect:/sims/" + iccid;
    }

    private static SimChanges changes(
            @Nullable String state,
            @Nullable Boolean lock,
            @Nullable String imei,
            @Nullable Integer limit,
            @Nullable UUID organizationId) {
        return new SimChanges(state, lock, imei, null, limit, null, null, null, organizationId);
    }

    /**
     * A form's number of megabytes; empty is 0 (no limit, off) where {@code emptyIsZero}, else missing. What is not a
     * number is refused, and audited, like the action's own checks.
     */
    private @Nullable Integer number(
            String iccid, @Nullable UUID organizationId, String field, @Nullable String value, boolean emptyIsZero) {
        if (value == null || value.isBlank()) {
            return emptyIsZero ? 0 : null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            String message = emptyIsZero ? "A whole number of MB, or empty for no limit" : "A whole number of MB";
            throw actions.refusedInput(
                    iccid,
                    organizationId,
                    field.equals("megabytes") ? "SIM_TOPPED_UP" : "SIM_CHANGED",
                    InvalidInputException.of(field, message));
        }
    }

    @Allow(Permission.SIM_EXPORT)
    @GetMapping("/sims/export.csv")
    void export(@ModelAttribute SimFilter filter, HttpServletResponse response) throws IOException {
        csv.stream(response, SimCsv.FILE_NAME, SimCsv.COLUMNS, sims.prepareExport(filter));
    }

    /** The operator looks at one organisation's SIMs at a time: the one chosen, or the first. */
    private SimFilter forOperator(SimFilter filter, Model model) {
        if (!access.isOperator()) {
            return filter;
        }
        List<Organization> all = organizations.visible();
        model.addAttribute("organizations", all);
        UUID org = filter.organizationId() != null
                ? filter.organizationId()
                : all.stream().findFirst().map(Organization::id).orElse(null);
        return new SimFilter(
                filter.iccid(),
                filter.imsi(),
                filter.msisdn(),
                filter.label(),
                filter.state(),
                filter.groupId(),
                filter.sort(),
                org);
    }
}
