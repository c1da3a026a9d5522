package io.iotconsole.audit;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.CsvCells;
import io.iotconsole.shared.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The Audit page and its CSV export. */
@Controller
class AuditController {
    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @Allow(Permission.AUDIT_VIEW)
    @GetMapping("/audit")
    String page(
            @ModelAttribute AuditFilter filter,
            @RequestParam(defaultValue = "0") int page,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        AuditQuery query = filter.toQuery();
        model.addAttribute("query", query);
        model.addAttribute("events", audit.search(query, new Paging(page, 50)));
        model.addAttribute("outcomes", AuditOutcome.values());
        return htmx != null ? "audit/list :: rows" : "audit/list";
    }

    @Allow(Permission.AUDIT_VIEW)
    @GetMapping("/audit/export.csv")
    void export(@ModelAttribute AuditFilter filter, HttpServletResponse response) throws IOException {
        AuditQuery query = filter.toQuery();
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
        var out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (CSVPrinter csv = new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(
                                "time",
                                "organization_id",
                                "actor",
                                "on_behalf_of",
                                "action",
                                "target_type",
                                "target_id",
                                "target",
                                "source_address",
                                "outcome",
                                "detail")
                        .get())) {
            audit.export(query, e -> {
                try {
                    csv.printRecord(
                            e.occurredAt(),
                            e.organizationId(),
                            CsvCells.safe(e.actorLabel()),
                            CsvCells.safe(e.onBehalfOfLabel()),
                            e.action(),
                            e.targetType(),
                            CsvCells.safe(e.targetId()),
                            CsvCells.safe(e.targetLabel()),
                            e.sourceAddress(),
                            e.outcome(),
                            CsvCells.safe(e.detail()));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }
}
