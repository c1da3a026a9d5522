package io.iotconsole.customer;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
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

/** The console's device upload: the template, the upload for a customer chosen by e-mail, its page, the report. */
@Controller
class DeviceUploadController {
    private static final int RECENT = 5;
    private final DeviceImports imports;
    private final DeviceUploads uploads;
    private final Customers customers;

    DeviceUploadController(DeviceImports imports, DeviceUploads uploads, Customers customers) {
        this.imports = imports;
        this.uploads = uploads;
        this.customers = customers;
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @GetMapping("/customers/devices/upload")
    String form(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable UUID organizationId,
            Model model) {
        customers.scope(Permission.CUSTOMER_MANAGE, organizationId);
        return form(email, organizationId, null, model);
    }

    private String form(
            @Nullable String email, @Nullable UUID organizationId, @Nullable Map<String, String> errors, Model model) {
        model.addAttribute("email", email);
        model.addAttribute("organizationId", organizationId);
        model.addAttribute("errors", errors);
        model.addAttribute("recent", uploads.recent(organizationId, RECENT));
        model.addAttribute("query", query(organizationId));
        return "customer/upload";
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @GetMapping("/customers/devices/template.csv")
    ResponseEntity<String> template() {
        return CsvExport.file("devices-template.csv", DeviceImports.TEMPLATE);
    }

    /** Starts the upload in the background and shows its page, which follows it to the end. */
    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping("/customers/devices/upload")
    String upload(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable MultipartFile file,
            Model model)
            throws IOException {
        if (file == null || file.isEmpty()) {
            customers.scope(Permission.CUSTOMER_MANAGE, organizationId);
            return form(email, organizationId, Map.of("file", "Choose the file to upload"), model);
        }
        Path saved = Files.createTempFile("device-upload-", ".csv");
        try {
            file.transferTo(saved);
            String name = file.getOriginalFilename() == null ? "devices.csv" : file.getOriginalFilename();
            UUID job = uploads.start(email, organizationId, saved, name);
            return "redirect:/customers/devices/uploads/" + job + query(organizationId);
        } catch (InvalidInputException e) {
            Files.deleteIfExists(saved);
            return form(email, organizationId, e.byField(), model);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(saved);
            throw e;
        }
    }

    /** The upload's page; while it runs, the page asks again every second (htmx) for the progress part. */
    @Allow(Permission.CUSTOMER_MANAGE)
    @GetMapping("/customers/devices/uploads/{id}")
    String job(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        UploadJob job = uploads.get(id, organizationId);
        String query = query(organizationId);
        model.addAttribute("job", job);
        model.addAttribute(
                "page",
                new UploadPage(
                        "Device upload",
                        "For " + job.subjectLabel(),
                        "/customers/devices/uploads/" + id + query,
                        job.reportId() == null ? null : "/customers/devices/reports/" + job.reportId() + ".csv" + query,
                        "/customers/devices/upload" + query,
                        "Upload another file",
                        "/customers/" + job.subjectId(),
                        "Open the customer",
                        job.reportId() == null ? List.of() : uploads.problems(job, organizationId, UploadPage.LISTED)));
        return htmx != null ? "upload/job :: progress" : "upload/job";
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @GetMapping("/customers/devices/reports/{id}.csv")
    ResponseEntity<String> report(
            @PathVariable UUID id, @RequestParam(required = false) @Nullable UUID organizationId) {
        return CsvExport.file("upload-problems.csv", uploads.report(id, organizationId));
    }

    private static String query(@Nullable UUID organizationId) {
        return organizationId == null ? "" : "?organizationId=" + organizationId;
    }
}
