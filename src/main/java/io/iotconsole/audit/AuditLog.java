package io.iotconsole.audit;

import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.AfterAnswer;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.SortColumns;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Appends to the audit log and reads it back for those allowed to. */
@Service
public class AuditLog {
    private final AuditRepository repository;
    private final AccessPolicy access;
    private final ApplicationEventPublisher events;

    AuditLog(AuditRepository repository, AccessPolicy access, ApplicationEventPublisher events) {
        this.repository = repository;
        this.access = access;
        this.events = events;
    }

    /** Appends inside the caller's transaction: the entry exists exactly when the change it records does. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditRecord record) {
        write(record);
    }

    /** Appends in a transaction of its own, for failures and refusals whose surrounding work is rolled back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordIndependently(AuditRecord record) {
        write(record);
    }

    private void write(AuditRecord record) {
        AuditRecord withActor = record;
        if (record.actorId() == null && record.actorLabel() == null) {
            Optional<ConsoleUser> user = CurrentUser.find();
            if (user.isPresent()) {
                withActor = record.byActor(user.get().id(), user.get().auditLabel());
            }
        }
        repository.insert(withActor, withActor.onBehalfOfId(), withActor.onBehalfOfLabel(), sourceAddress());
        events.publishEvent(new AuditRecorded(withActor));
    }

    /** The log's order as a request names it ({@code -occurredAt}, {@code action}, ...); another name is a 400. */
    public static SortColumns.Sort sorting(@Nullable String sort) {
        return AuditRepository.SORTS.parse(sort);
    }

    /**
     * Owners and Admins read their own organisation's log; the operator reads everything or one organisation's.
     * Newest first unless another order is asked.
     */
    @Transactional(readOnly = true)
    public PageResult<AuditEntry> search(AuditQuery query, @Nullable String sort, Paging paging) {
        SortColumns.Sort order = sorting(sort);
        AuditQuery scoped = scoped(query);
        return new PageResult<>(
                repository.find(scoped, order, paging.offset(), paging.size()),
                repository.count(scoped),
                paging.page(),
                paging.size());
    }

    /**
     * Checks who may read the log before anything is written; the entries are read when the export
     * ({@link CsvExport}) streams them, inside its transaction.
     */
    public CsvExport.Rows<AuditEntry> prepareExport(AuditQuery query) {
        AuditQuery scoped = scoped(query);
        return CsvExport.Rows.of(scoped.organizationId(), consumer -> repository.forEach(scoped, consumer));
    }

    /**
     * What a customer sees of remote assistance in their app: who assisted, when, why, and what was done on their
     * behalf. The caller is the customer app, for the signed-in customer's own organisation and id.
     */
    @Transactional(readOnly = true)
    public List<AuditEntry> assistanceOf(UUID organizationId, UUID customerId) {
        return repository.assistanceOf(organizationId, customerId.toString(), 200);
    }

    private AuditQuery scoped(AuditQuery query) {
        UUID org = access.scope(Permission.AUDIT_VIEW, query.organizationId()).organizationIdOrNull();
        return new AuditQuery(org, query.action(), query.actor(), query.outcome(), query.from(), query.to());
    }

    private static @Nullable String sourceAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            return request.getRemoteAddr();
        }
        return AfterAnswer.sourceAddress().orElse(null);
    }
}
