package io.iotconsole.audit;

import io.iotconsole.shared.CsvExport;

/** The columns of the audit log's CSV download, for the console and the API alike. */
final class AuditCsv {
    private AuditCsv() {}

    static final String FILE_NAME = "audit-log.csv";

    static final CsvExport.Columns<AuditEntry> COLUMNS = CsvExport.Columns.of(
            e -> new Object[] {
                e.occurredAt(),
                e.organizationId(),
                e.actorLabel(),
                e.onBehalfOfLabel(),
                e.action(),
                e.targetType(),
                e.targetId(),
                e.targetLabel(),
                e.sourceAddress(),
                e.outcome(),
                e.detail()
            },
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
            "detail");
}
