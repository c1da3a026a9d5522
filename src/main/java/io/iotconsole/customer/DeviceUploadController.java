package io.iotconsole.customer;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** The console's device upload: the template, the upload for a customer chosen by e-mail, the report. */
@Controller
class DeviceUploadController {
    private final DeviceImports imports;
    private final DeviceUploadJobs jobs;
    private final Customers customers;

    DeviceUploadController(DeviceImports imports, DeviceUploadJobs jobs, Customers customers) {
        this.imports = imports;
        this.jobs = jobs;
        this.customers = customers;
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @GetMapping("/customers/devices/upload")
    String form(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable UUID organizationId,
            Model model) {
        customers.scope(Permission.CUSTOMER_MANAGE, organizationId);
        model.addAttribute("email", email);
        model.addAttribute("organizationId", organizationId);
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
        model.addAttribute("email", email);
        model.addAttribute("organizationId", organizationId);
        if (file == null || file.isEmpty()) {
            model.addAttribute("errors", java.util.Map.of("file", "Choose the file to upload"));
            return "customer/upload";
        }
        Path saved = Files.createTempFile("device-upload-", ".csv");
        try {
            file.transferTo(saved);
            UUID job = jobs.start(email, organizationId, saved);
            return "redirect:/customers/devices/uploads/" + job
                    + (organizationId == null ? "" : "?organizationId=" + organizationId);
        } catch (InvalidInputException e) {
            Files.deleteIfExists(saved);
            model.addAttribute("errors", e.byField());
            return "customer/upload";
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
        model.addAttribute("job", jobs.get(id, organizationId));
        model.addAttribute("organizationId", organizationId);
        return htmx != null ? "customer/upload-job :: progress" : "customer/upload-job";
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @GetMapping("/customers/devices/reports/{id}.csv")
    ResponseEntity<String> report(
            @PathVariable UUID id, @RequestParam(required = false) @Nullable UUID organizationId) {
        return CsvExport.file("upload-problems.csv", imports.report(id, organizationId));
    }
}
