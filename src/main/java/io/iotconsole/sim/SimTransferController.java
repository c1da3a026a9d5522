package io.iotconsole.sim;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's SIM transfer: ranges typed or uploaded ({@code .csv} / {@code .txt}, {@code FIRST;LAST} a line), a
 * preview with the count per line and every problem, then the transfer of exactly what was previewed.
 */
@Controller
class SimTransferController {
    private final SimTransfers transfers;

    SimTransferController(SimTransfers transfers) {
        this.transfers = transfers;
    }

    @Allow(Permission.ORGANISATION_SIM_TRANSFER)
    @GetMapping("/sims/transfer")
    String form(Model model) {
        model.addAttribute("choices", transfers.choices());
        return "sim/transfer";
    }

    @Allow(Permission.ORGANISATION_SIM_TRANSFER)
    @PostMapping("/sims/transfer/preview")
    String preview(
            @RequestParam(required = false) @Nullable UUID fromOrganizationId,
            @RequestParam(required = false) @Nullable UUID toOrganizationId,
            @RequestParam(defaultValue = "") String ranges,
            @RequestParam(required = false) @Nullable MultipartFile file,
            Model model)
            throws IOException {
        byte[] text = file != null && !file.isEmpty() ? file.getBytes() : ranges.getBytes(StandardCharsets.UTF_8);
        var parties = new SimTransfers.Parties(fromOrganizationId, toOrganizationId);
        model.addAttribute("fileName", file != null && !file.isEmpty() ? file.getOriginalFilename() : null);
        return show(parties, text, model);
    }

    /** Applies what the preview showed; should anything have changed since, the preview comes back with why. */
    @Allow(Permission.ORGANISATION_SIM_TRANSFER)
    @PostMapping("/sims/transfer")
    String apply(
            @RequestParam(required = false) @Nullable UUID fromOrganizationId,
            @RequestParam(required = false) @Nullable UUID toOrganizationId,
            @RequestParam(defaultValue = "") String ranges,
            Model model,
            RedirectAttributes redirect) {
        var parties = new SimTransfers.Parties(fromOrganizationId, toOrganizationId);
        byte[] text = ranges.getBytes(StandardCharsets.UTF_8);
        try {
            var done = transfers.applyText(parties, text);
            redirect.addFlashAttribute(
                    "notice",
                    "Transferred " + done.total() + " SIM" + (done.total() == 1 ? "" : "s") + " from "
                            + done.from().name() + " to " + done.to().name() + ".");
            return "redirect:/sims/transfer";
        } catch (InvalidInputException e) {
            model.addAttribute("problem", "Nothing was transferred: the SIMs changed since the preview.");
            return show(parties, text, model);
        }
    }

    private String show(SimTransfers.Parties parties, byte[] text, Model model) {
        model.addAttribute("choices", transfers.choices());
        model.addAttribute("from", parties.fromOrganizationId());
        model.addAttribute("to", parties.toOrganizationId());
        String decoded = new String(text, StandardCharsets.UTF_8);
        model.addAttribute("ranges", decoded);
        try {
            model.addAttribute("preview", transfers.previewText(parties, text));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.problems());
        }
        return "sim/transfer";
    }
}
