package io.iotconsole.audit;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
    @io.swagger.v3.oas.annotations.Parameters({
        @io.swagger.v3.oas.annotations.Parameter(
                name = "page",
                in = io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY,
                description = "from 0"),
        @io.swagger.v3.oas.annotations.Parameter(
                name = "size",
                in = io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY,
                description = "1 to 200, default 50"),
        @io.swagger.v3.oas.annotations.Parameter(
                name = "sort",
                in = io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY,
                description = "-occurredAt (default), occurredAt, action or outcome; '-' first for descending")
    })
    @GetMapping("/api/v1/audit-events")
    PageResult<AuditEntry> list(
            @ModelAttribute AuditFilter filter,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) jakarta.servlet.http.HttpServletRequest request) {
        return audit.search(filter.toQuery(), request.getParameter("sort"), Paging.of(request, 50));
    }

    /** The same filters as the list, every matching entry, newest first, as CSV. */
    @Allow(Permission.AUDIT_VIEW)
    @GetMapping("/api/v1/audit-events/export")
    void export(@ModelAttribute AuditFilter filter, HttpServletResponse response) throws IOException {
        csv.stream(response, AuditCsv.FILE_NAME, AuditCsv.COLUMNS, audit.prepareExport(filter.toQuery()));
    }
}
