package io.iotconsole.audit;

/**
 * Published synchronously, inside the transaction that wrote the entry, for every audit entry: a listener that
 * writes its own rows there (the webhook outbox) commits or rolls back together with the change.
 */
public record AuditRecorded(AuditRecord record) {}
