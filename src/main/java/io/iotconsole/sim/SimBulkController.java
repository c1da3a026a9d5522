package io.iotconsole.sim;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The SIM list's bulk actions on the SIMs ticked: first a page naming how many SIMs and which, then, confirmed, the
 * change, and back to the list (with its filters) saying what was done.
 */
@Controller
class SimBulkController {
    private final SimBulkChanges bulk;

    SimBulkController(SimBulkChanges bulk) {
        this.bulk = bulk;
    }

    @Allow(Permission.SIM_STATE)
    @PostMapping("/sims/bulk/state")
    String state(
            @RequestParam(name = "iccid", required = false) @Nullable List<String> iccids,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable String confirmed,
            @RequestParam(required = false) @Nullable String back,
            Model model,
            RedirectAttributes redirect) {
        return confirmThenDo(
                () -> bulk.planState(iccids, value, organizationId),
                () -> bulk.changeState(iccids, value, organizationId),
                "state",
                value,
                confirmed,
                back,
                organizationId,
                model,
                redirect);
    }

    @Allow(Permission.GROUP_MANAGE)
    @PostMapping("/sims/bulk/group")
    String group(
            @RequestParam(name = "iccid", required = false) @Nullable List<String> iccids,
            @RequestParam(required = false) @Nullable String groupId,
            @RequestParam(required = false) @Nullable String ungroup,
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable String confirmed,
            @RequestParam(required = false) @Nullable String back,
            Model model,
            RedirectAttributes redirect) {
        boolean out = "true".equals(ungroup);
        model.addAttribute("ungroup", out);
        return confirmThenDo(
                () -> bulk.planGroup(iccids, groupId, out, organizationId),
                () -> bulk.changeGroup(iccids, groupId, out, organizationId),
                "group",
                groupId,
                confirmed,
                back,
                organizationId,
                model,
                redirect);
    }

    private String confirmThenDo(
            Supplier<SimBulkChanges.Plan> plan,
            Supplier<SimBulkChanges.Outcome> change,
            String action,
            @Nullable String value,
            @Nullable String confirmed,
            @Nullable String back,
            @Nullable UUID organizationId,
            Model model,
            RedirectAttributes redirect) {
        String list = listAddress(back);
        try {
            if (!"true".equals(confirmed)) {
                model.addAttribute("plan", plan.get());
                model.addAttribute("action", action);
                model.addAttribute("value", value);
                model.addAttribute("organizationId", organizationId);
                model.addAttribute("back", list);
                return "sim/bulk-confirm";
            }
            SimBulkChanges.Outcome done = change.get();
            redirect.addFlashAttribute("notice", said(done));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.problems().get(0).message() + ".");
        } catch (NetworkRefusedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:" + list;
    }

    /** "12 SIMs suspended.", "1 SIM moved to Vans; 2 already were." */
    static String said(SimBulkChanges.Outcome done) {
        String text = done.changed() + (done.changed() == 1 ? " SIM " : " SIMs ") + done.done() + ".";
        if (done.unchanged() > 0) {
            text += " " + done.unchanged() + (done.unchanged() == 1 ? " already was." : " already were.");
        }
        return text;
    }

    /** Back to the list the SIMs were picked on, with its filters; only ever an address of the SIM list. */
    private static String listAddress(@Nullable String back) {
        if (back != null && back.matches("/sims(\\?[^\\s\\\\]*)?")) {
            return back;
        }
        return "/sims";
    }
}
