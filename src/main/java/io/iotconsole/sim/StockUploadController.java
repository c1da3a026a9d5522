package io.iotconsole.sim;

import io.iotconsole.security.Allow;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.upload.UploadJob;
import io.iotconsole.upload.UploadPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

/** The operator's stock import page: the organisation, the file (with its template), the import's page, its report. */
@Controller
class StockUploadController {
    private static final int RECENT = 5;
    private final StockUploads uploads;

    StockUploadController(StockUploads uploads) {
        this.uploads = uploads;
    }

    @Allow(who = Allow.Who.OPERATOR)
    @GetMapping("/sims/stock/import")
    String form(@RequestParam(required = false) @Nullable UUID organizationId, Model model) {
        return form(organizationId, null, model);
    }

    private String form(@Nullable UUID organizationId, @Nullable Map<String, String> errors, Model model) {
        model.addAttribute("organizations", uploads.organizations());
        model.addAttribute("organizationId", organizationId);
        model.addAttribute("errors", errors);
        model.addAttribute("recent", uploads.recent(RECENT));
        return "sim/stock-import";
    }

    @Allow(who = Allow.Who.OPERATOR)
    @GetMapping("/sims/stock/template.csv")
    ResponseEntity<String> template() {
        return CsvExport.file("sim-stock-template.csv", StockUploads.TEMPLATE);
    }

    /** Starts the import in the background and shows its page, which follows it to the end. */
    @Allow(who = Allow.Who.OPERATOR)
    @PostMapping("/sims/stock/import")
    String upload(
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable MultipartFile file,
            Model model)
            throws IOException {
        if (file == null || file.isEmpty()) {
            return form(organizationId, Map.of("file", "Choose the file to import"), model);
        }
        Path saved = Files.createTempFile("stock-import-", ".csv");
        try {
            file.transferTo(saved);
            String name = file.getOriginalFilename() == null ? "stock.csv" : file.getOriginalFilename();
            return "redirect:/sims/stock/imports/" + uploads.start(organizationId, saved, name);
        } catch (InvalidInputException e) {
            Files.deleteIfExists(saved);
            return form(organizationId, e.byField(), model);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(saved);
            throw e;
        }
    }

    /** The import's page; while it runs, the page asks again every second (htmx) for the progress part. */
    @Allow(who = Allow.Who.OPERATOR)
    @GetMapping("/sims/stock/imports/{id}")
    String job(
            @PathVariable UUID id,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        UploadJob job = uploads.get(id);
        model.addAttribute("job", job);
        model.addAttribute(
                "page",
                new UploadPage(
                        "Stock import",
                        "Into " + job.subjectLabel(),
                        "/sims/stock/imports/" + id,
                        job.reportId() == null ? null : "/sims/stock/reports/" + job.reportId() + ".csv",
                        "/sims/stock/import?organizationId=" + job.organizationId(),
                        "Import another file",
                        "/sims?organizationId=" + job.organizationId(),
                        "Open the organisation's SIMs",
                        job.reportId() == null ? List.of() : uploads.problems(job, UploadPage.LISTED)));
        return htmx != null ? "upload/job :: progress" : "upload/job";
    }

    @Allow(who = Allow.Who.OPERATOR)
    @GetMapping("/sims/stock/reports/{id}.csv")
    ResponseEntity<String> report(@PathVariable UUID id) {
        return CsvExport.file("stock-problems.csv", uploads.report(id));
    }
}
