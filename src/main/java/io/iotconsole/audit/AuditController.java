package io.iotconsole.audit;

import io.iotconsole.shared.CsvCells;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The Audit page and its CSV export. */
@Controller
class AuditController {
    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String page(
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable UUID org,
            @RequestParam(defaultValue = "0") int page,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        AuditQuery query = query(org, action, actor, outcome, from, to);
        model.addAttribute("query", query);
        model.addAttribute("events", audit.search(query, new Paging(page, 50)));
        model.addAttribute("outcomes", AuditOutcome.values());
        return htmx != null ? "audit/list :: rows" : "audit/list";
    }

    @GetMapping("/audit/export.csv")
    void export(
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable UUID org,
            HttpServletResponse response)
            throws IOException {
        AuditQuery query = query(org, action, actor, outcome, from, to);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
        Writer out = new java.io.OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
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

    static AuditQuery query(
            @Nullable UUID org,
            @Nullable String action,
            @Nullable String actor,
            @Nullable String outcome,
            @Nullable String from,
            @Nullable String to) {
        AuditOutcome parsedOutcome = null;
        if (outcome != null && !outcome.isBlank()) {
            try {
                parsedOutcome = AuditOutcome.valueOf(outcome.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("outcome", "One of SUCCESS, FAILURE, DENIED");
            }
        }
        return new AuditQuery(
                org, blankToNull(action), blankToNull(actor), parsedOutcome, date("from", from), date("to", to));
    }

    private static @Nullable LocalDate date(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "A date like 2026-11-24");
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip().toUpperCase(Locale.ROOT);
    }
}
