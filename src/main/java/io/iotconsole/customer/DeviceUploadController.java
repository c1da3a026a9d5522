package io.iotconsole.customer;

import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The console's device upload: the template, the upload for a customer chosen by e-mail, the report. */
@Controller
class DeviceUploadController {
    private final DeviceImports imports;
    private final Customers customers;

    DeviceUploadController(DeviceImports imports, Customers customers) {
        this.imports = imports;
        this.customers = customers;
    }

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

    @GetMapping("/customers/devices/template.csv")
    ResponseEntity<String> template() {
        return ResponseEntity.ok()
                .header("Content-Type", "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"devices-template.csv\"")
                .body(DeviceImports.TEMPLATE);
    }

    @PostMapping("/customers/devices/upload")
    String upload(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable MultipartFile file,
            Model model)
            throws IOException {
        model.addAttribute("email", email);
        model.addAttribute("organizationId", organizationId);
        try (InputStream csv = file == null ? InputStream.nullInputStream() : file.getInputStream()) {
            DeviceImports.Report report = imports.uploadForEmail(email, organizationId, csv, false);
            model.addAttribute("report", report);
            if (!report.valid()) {
                model.addAttribute("reportId", imports.keepReport(report));
            }
        } catch (InvalidInputException e) {
            model.addAttribute("errors", CustomerController.errors(e));
        }
        return "customer/upload";
    }

    @GetMapping("/customers/devices/reports/{id}.csv")
    ResponseEntity<String> report(
            @PathVariable UUID id, @RequestParam(required = false) @Nullable UUID organizationId) {
        return ResponseEntity.ok()
                .header("Content-Type", "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"upload-problems.csv\"")
                .body(imports.report(id, organizationId));
    }
}
