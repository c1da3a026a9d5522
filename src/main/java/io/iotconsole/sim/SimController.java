package io.iotconsole.sim;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

/** The SIMs page: filters, sort, paging, a SIM's details and the CSV export of the filtered list. */
@Controller
class SimController {
    private final SimCards sims;
    private final SimActions actions;
    private final Organizations organizations;
    private final CsvExport csv;

    SimController(SimCards sims, SimActions actions, Organizations organizations, CsvExport csv) {
        this.sims = sims;
        this.actions = actions;
        this.organizations = organizations;
        this.csv = csv;
    }

    @GetMapping("/sims")
    String list(
            @ModelAttribute("filter") SimFilter filter,
            @RequestParam(defaultValue = "0") int page,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        SimFilter scoped = forOperator(filter, model);
        model.addAttribute("filter", scoped);
        model.addAttribute("states", SimState.values());
        if (!CurrentUser.get().isOperator() || scoped.organizationId() != null) {
            model.addAttribute("page", sims.list(scoped, new Paging(page, 50)));
        }
        return htmx != null ? "sim/list :: rows" : "sim/list";
    }

    @GetMapping("/sims/{iccid:[0-9]+}")
    String detail(
            @PathVariable String iccid, @RequestParam(required = false) @Nullable UUID organizationId, Model model) {
        model.addAttribute("sim", sims.get(iccid, organizationId));
        model.addAttribute("states", SimState.values());
        return "sim/detail";
    }

    /** One form per action on the detail page; each posts here and comes back with the network's answer. */
    @PostMapping("/sims/{iccid:[0-9]+}/{action:state|imei-lock|limit|reset|sms|top-up|auto-top-up}")
    String act(
            @PathVariable String iccid,
            @PathVariable String action,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable UUID organizationId,
            RedirectAttributes redirect) {
        try {
            String answer = switch (action) {
                case "state" ->
                    actions.change(iccid, changes(value, null, null, organizationId))
                            .state()
                            .name();
                case "imei-lock" ->
                    actions.change(iccid, changes(null, Boolean.valueOf(value), null, organizationId))
                                    .imeiLock()
                            ? "IMEI lock set"
                            : "IMEI lock cleared";
                case "limit" -> {
                    actions.change(iccid, changes(null, null, parseLimit(value), organizationId));
                    yield "Monthly limit saved";
                }
                case "reset" -> actions.resetConnectivity(iccid, organizationId).message();
                case "auto-top-up" -> {
                    Integer mb = parseLimit(value);
                    actions.change(iccid, new SimChanges(null, null, null, null, mb, null, null, organizationId));
                    yield mb == 0 ? "Auto top-up turned off" : "Auto top-up set to " + mb + " MB";
                }
                case "top-up" ->
                    actions.topUp(iccid, parseMegabytes(value), organizationId).message();
                default -> actions.sendSms(iccid, value, organizationId).message();
            };
            redirect.addFlashAttribute(
                    "notice", action.equals("state") ? "State is now " + answer + "." : answer + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.problems().get(0).message());
        }
        redirect.addAttribute("organizationId", organizationId);
        return "redirect:/sims/" + iccid;
    }

    private static SimChanges changes(
            @Nullable String state, @Nullable Boolean lock, @Nullable Integer limit, @Nullable UUID organizationId) {
        return new SimChanges(state, lock, null, limit, null, null, null, organizationId);
    }

    private static @Nullable Integer parseMegabytes(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("megabytes", "A whole number of MB");
        }
    }

    private static Integer parseLimit(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? 0 : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("monthlyLimitMb", "A whole number of MB, or empty for no limit");
        }
    }

    @GetMapping("/sims/export.csv")
    void export(@ModelAttribute SimFilter filter, HttpServletResponse response) throws IOException {
        csv.stream(response, SimCsv.FILE_NAME, SimCsv.COLUMNS, sims.prepareExport(filter));
    }

    /** The operator looks at one organisation's SIMs at a time: the one chosen, or the first. */
    private SimFilter forOperator(SimFilter filter, Model model) {
        ConsoleUser me = CurrentUser.get();
        if (!me.isOperator()) {
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
