package io.iotconsole.sim;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.CurrentUser;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The SIMs page: filters, sort, paging, a SIM's details and the CSV export of the filtered list. */
@Controller
class SimController {
    private final SimCards sims;
    private final Organizations organizations;

    SimController(SimCards sims, Organizations organizations) {
        this.sims = sims;
        this.organizations = organizations;
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
        return "sim/detail";
    }

    @GetMapping("/sims/export.csv")
    void export(@ModelAttribute SimFilter filter, HttpServletResponse response) throws IOException {
        SimCsv.write(sims.prepareExport(filter), response);
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
