package io.iotconsole.audit;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;

/** The Audit page and its CSV export. */
@Controller
class AuditController {
    private final AuditLog audit;
    private final CsvExport csv;

    AuditController(AuditLog audit, CsvExport csv) {
        this.audit = audit;
        this.csv = csv;
    }

    @Allow(Permission.AUDIT_VIEW)
    @GetMapping("/audit")
    String page(
            @ModelAttribute AuditFilter filter,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            jakarta.servlet.http.HttpServletRequest request,
            Model model) {
        String sort = request.getParameter("sort");
        model.addAttribute("sort", AuditLog.sorting(sort));
        Paging paging = Paging.of(request, 50);
        AuditQuery query = filter.toQuery();
        model.addAttribute("query", query);
        model.addAttribute("events", audit.search(query, sort, paging));
        model.addAttribute("outcomes", AuditOutcome.values());
        return htmx != null ? "audit/list :: rows" : "audit/list";
    }

    @Allow(Permission.AUDIT_VIEW)
    @GetMapping("/audit/export.csv")
    void export(@ModelAttribute AuditFilter filter, HttpServletResponse response) throws IOException {
        csv.stream(response, AuditCsv.FILE_NAME, AuditCsv.COLUMNS, audit.prepareExport(filter.toQuery()));
    }
}
