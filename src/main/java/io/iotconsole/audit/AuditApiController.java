package io.iotconsole.audit;

import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuditApiController {
    private final AuditLog audit;

    AuditApiController(AuditLog audit) {
        this.audit = audit;
    }

    /** Same filters as the Audit page; the operator may name an organisation, others always get their own. */
    @GetMapping("/api/v1/audit-events")
    PageResult<AuditEntry> list(
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return audit.search(
                AuditController.query(organizationId, action, actor, outcome, from, to), new Paging(page, size));
    }
}
