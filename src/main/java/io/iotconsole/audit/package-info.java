/**
 * Owns {@code audit_event}, the append-only log of every change and every sign-in (the table refuses UPDATE and
 * DELETE itself). Other modules write through {@link io.iotconsole.audit.AuditLog} inside their own transaction,
 * so an entry exists exactly when the change does. Owners and Admins read their organisation's log.
 */
package io.iotconsole.audit;
