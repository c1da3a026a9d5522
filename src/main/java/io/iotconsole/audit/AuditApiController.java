package io.iotconsole.audit;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuditApiController {
    private final AuditLog audit;
    private final CsvExport csv;

    AuditApiController(AuditLog audit, CsvExport csv) {
        this.audit = audit;
        this.csv = csv;
    }

    /** Same filters as the Audit page; the operator may name an organisation, others always get their own. */
    @Allow(Permission.AUDIT_VIEW)
    @io.iotconsole.shared.PagedList(
            sort = "-occurredAt (default), occurredAt, action or outcome; '-' first for descending")
    @GetMapping("/api/v1/audit-events")
    PageResult<AuditEntry> listAuditEvents(
            @ParameterObject @ModelAttribute AuditFilter filter,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) jakarta.servlet.http.HttpServletRequest request) {
        return audit.search(filter.toQuery(), request.getParameter("sort"), Paging.of(request, 50));
    }

    /** The same filters as the list, every matching entry, newest first, as CSV. */
    @Allow(Permission.AUDIT_VIEW)
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = "the matching entries, newest first, as CSV",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv"))
    @GetMapping("/api/v1/audit-events/export")
    void exportAuditEvents(@ParameterObject @ModelAttribute AuditFilter filter, HttpServletResponse response)
            throws IOException {
        csv.stream(response, AuditCsv.FILE_NAME, AuditCsv.COLUMNS, audit.prepareExport(filter.toQuery()));
    }
}
