package io.iotconsole.sim;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.upload.UploadJob;
import io.iotconsole.upload.UploadPage;
import io.iotconsole.upload.UploadPhase;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
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
    private final SimTransferUploads uploads;

    SimTransferController(SimTransfers transfers, SimTransferUploads uploads) {
        this.transfers = transfers;
        this.uploads = uploads;
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
        var parties = new SimTransfers.Parties(fromOrganizationId, toOrganizationId);
        if (file != null && !file.isEmpty()) {
            return upload(parties, file, model);
        }
        return show(parties, ranges.getBytes(StandardCharsets.UTF_8), model);
    }

    /** A file is read and checked in the background; its job's page follows it to the preview. */
    private String upload(SimTransfers.Parties parties, MultipartFile file, Model model) throws IOException {
        Path saved = Files.createTempFile("sim-transfer-", ".txt");
        try {
            file.transferTo(saved);
            String name = file.getOriginalFilename() == null ? "ranges.csv" : file.getOriginalFilename();
            return "redirect:/sims/transfer/uploads/" + uploads.start(parties, saved, name);
        } catch (InvalidInputException e) {
            Files.deleteIfExists(saved);
            model.addAttribute("choices", transfers.choices());
            model.addAttribute("from", parties.fromOrganizationId());
            model.addAttribute("to", parties.toOrganizationId());
            model.addAttribute("errors", e.problems());
            return "sim/transfer";
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(saved);
            throw e;
        }
    }

    /**
     * The file's job: while it runs, the page asks again every second (htmx) for the progress part; once the file is
     * checked and valid, the page is its preview with the button that transfers.
     */
    @Allow(Permission.ORGANISATION_SIM_TRANSFER)
    @GetMapping("/sims/transfer/uploads/{id}")
    String job(
            @PathVariable UUID id,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            HttpServletResponse response,
            Model model) {
        UploadJob job = uploads.get(id);
        String address = "/sims/transfer/uploads/" + id;
        if (htmx != null && job.phase().ended()) {
            // the whole page shows how it ended: the preview to confirm, or the problems by line
            response.setHeader("HX-Redirect", address);
        }
        if (htmx == null && job.phase() == UploadPhase.DONE) {
            var prepared = uploads.prepared(job);
            if (prepared.isPresent()) {
                model.addAttribute("choices", transfers.choices());
                model.addAttribute("from", prepared.get().preview().from().id());
                model.addAttribute("to", prepared.get().preview().to().id());
                model.addAttribute("ranges", prepared.get().ranges());
                model.addAttribute("preview", prepared.get().preview());
                model.addAttribute("fileName", prepared.get().fileName());
                model.addAttribute("uploadId", id);
                return "sim/transfer";
            }
        }
        model.addAttribute("job", job);
        if (htmx == null && (job.phase() == UploadPhase.REFUSED || job.phase() == UploadPhase.FAILED)) {
            model.addAttribute("choices", transfers.choices());
            model.addAttribute("to", job.subjectId());
        }
        model.addAttribute(
                "page",
                new UploadPage(
                        "Transfer SIMs by file",
                        job.subjectLabel(),
                        address,
                        job.reportId() == null ? null : "/sims/transfer/reports/" + job.reportId() + ".csv",
                        "/sims/transfer",
                        "Transfer other SIMs",
                        job.phase() == UploadPhase.DONE ? null : "/sims",
                        job.phase() == UploadPhase.DONE ? null : "Open the SIMs",
                        job.reportId() == null ? List.of() : uploads.problems(job, UploadPage.LISTED)));
        return htmx != null ? "upload/job :: progress" : "sim/transfer-job";
    }

    @Allow(Permission.ORGANISATION_SIM_TRANSFER)
    @GetMapping("/sims/transfer/reports/{id}.csv")
    ResponseEntity<String> report(@PathVariable UUID id) {
        return CsvExport.file("transfer-problems.csv", uploads.report(id));
    }

    /** Applies what the preview showed; should anything have changed since, the preview comes back with why. */
    @Allow(Permission.ORGANISATION_SIM_TRANSFER)
    @PostMapping("/sims/transfer")
    String apply(
            @RequestParam(required = false) @Nullable UUID fromOrganizationId,
            @RequestParam(required = false) @Nullable UUID toOrganizationId,
            @RequestParam(defaultValue = "") String ranges,
            @RequestParam(required = false) @Nullable UUID upload,
            Model model,
            RedirectAttributes redirect) {
        var parties = new SimTransfers.Parties(fromOrganizationId, toOrganizationId);
        byte[] text = ranges.getBytes(StandardCharsets.UTF_8);
        try {
            var done = transfers.applyText(parties, text);
            uploads.release(upload);
            redirect.addFlashAttribute(
                    "notice",
                    "Transferred " + done.total() + " SIM" + (done.total() == 1 ? "" : "s") + " from "
                            + done.from().name() + " to " + done.to().name() + ".");
            return "redirect:/sims/transfer";
        } catch (InvalidInputException e) {
            model.addAttribute("problem", "Nothing was transferred: the SIMs changed since the preview.");
            model.addAttribute("uploadId", upload);
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
