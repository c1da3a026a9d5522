package io.iotconsole.audit;

import io.iotconsole.security.Unscoped;
import io.iotconsole.shared.SortColumns;
import io.iotconsole.shared.WriteBatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

@Repository
class AuditRepository {
    /**
     * The key of the platform's own entries (the operator's actions, sign-ins of unknown addresses): every entry has an
     * organisation key, the column a sharded database distributes the log by (docs/scaling.md).
     */
    static final UUID PLATFORM = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final WriteBatch writes;

    AuditRepository(JdbcClient jdbc, WriteBatch writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @Unscoped("appends a record to its own organisation's log; every use case writes the log")
    void insert(
            AuditRecord r,
            @Nullable UUID onBehalfOfId,
            @Nullable String onBehalfOfLabel,
            @Nullable String sourceAddress) {
        Map<String, @Nullable Object> p = new HashMap<>();
        p.put("org", r.organizationId() == null ? PLATFORM : r.organizationId());
        p.put("actor", r.actorId());
        p.put("actorLabel", cut(r.actorLabel(), 300));
        p.put("obo", onBehalfOfId);
        p.put("oboLabel", cut(onBehalfOfLabel, 300));
        p.put("action", r.action());
        p.put("tt", r.targetType());
        p.put("tid", cut(r.targetId(), 64));
        p.put("tl", cut(r.targetLabel(), 300));
        p.put("addr", cut(sourceAddress, 64));
        p.put("outcome", r.outcome().name());
        p.put("detail", cut(r.detail(), 1000));
        writes.update("""
                        INSERT INTO audit_event (organization_id, actor_id, actor_label, on_behalf_of_id,
                            on_behalf_of_label, action, target_type, target_id, target_label, source_address, outcome, detail)
                        VALUES (:org, :actor, :actorLabel, :obo, :oboLabel, :action, :tt, :tid, :tl, :addr, :outcome, :detail)""", p);
    }

    @Unscoped("the query's organisation is the one AccessPolicy.scope gave AuditLog")
    long count(AuditQuery q) {
        Where w = where(q);
        return jdbc.sql("SELECT count(*) FROM audit_event" + w.sql)
                .params(w.params)
                .query(Long.class)
                .single();
    }

    /**
     * The log's columns, newest first unless asked otherwise. The log grows without end, so each order is an index
     * of the organisation's entries: by time, or by action or outcome and then time.
     */
    static final SortColumns SORTS = SortColumns.of(
            "-occurredAt",
            "",
            "occurredAt",
            "occurred_at, id",
            "action",
            "action, occurred_at, id",
            "outcome",
            "outcome, occurred_at, id");

    @Unscoped("the query's organisation is the one AccessPolicy.scope gave AuditLog")
    List<AuditEntry> find(AuditQuery q, SortColumns.Sort sort, int offset, int limit) {
        Where w = where(q);
        return jdbc.sql("SELECT * FROM audit_event" + w.sql + " ORDER BY " + sort.orderBy()
                        + " LIMIT :limit OFFSET :offset")
                .params(w.params)
                .param("limit", limit)
                .param("offset", offset)
                .query(AuditRepository::map)
                .list();
    }

    /**
     * Streams every matching row, newest first, for the CSV export: a server-side cursor, which PostgreSQL keeps only
     * inside a transaction.
     */
    @Unscoped("the query's organisation is the one AccessPolicy.scope gave AuditLog")
    void forEach(AuditQuery q, Consumer<? super AuditEntry> consumer) {
        Assert.state(
                TransactionSynchronizationManager.isActualTransactionActive(),
                "The audit log is streamed inside a transaction only");
        Where w = where(q);
        try (var rows = jdbc
                .sql("SELECT * FROM audit_event" + w.sql + " ORDER BY occurred_at DESC, id DESC")
                .params(w.params)
                .withFetchSize(500)
                .query(AuditRepository::map)
                .stream()) {
            rows.forEach(consumer);
        }
    }

    private record Where(String sql, Map<String, Object> params) {}

    private static Where where(AuditQuery q) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (q.organizationId() != null) {
            clauses.add("organization_id = :org");
            params.put("org", q.organizationId());
        }
        if (q.action() != null && !q.action().isBlank()) {
            clauses.add("action = :action");
            params.put("action", q.action());
        }
        if (q.actor() != null && !q.actor().isBlank()) {
            clauses.add("(actor_label ILIKE :actor OR on_behalf_of_label ILIKE :actor)");
            params.put("actor", "%" + likeEscape(q.actor().strip()) + "%");
        }
        if (q.outcome() != null) {
            clauses.add("outcome = :outcome");
            params.put("outcome", q.outcome().name());
        }
        if (q.from() != null) {
            clauses.add("occurred_at >= :from");
            params.put("from", java.sql.Timestamp.from(q.from().atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        if (q.to() != null) {
            clauses.add("occurred_at < :to");
            params.put(
                    "to",
                    java.sql.Timestamp.from(q.to().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }

    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static @Nullable String cut(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A customer's remote assistance entries and everything done on their behalf, newest first. */
    @Unscoped("the customer's own organisation, which the customer app's session gave")
    List<AuditEntry> assistanceOf(UUID organizationId, String customerId, int limit) {
        return jdbc.sql("""
                        SELECT * FROM audit_event
                        WHERE organization_id = :org AND target_id = :customer
                          AND (on_behalf_of_id IS NOT NULL OR action LIKE 'REMOTE\\_ASSISTANCE\\_%')
                        ORDER BY occurred_at DESC, id DESC LIMIT :limit""")
                .param("org", organizationId)
                .param("customer", customerId)
                .param("limit", limit)
                .query(AuditRepository::map)
                .list();
    }

    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        UUID organizationId = rs.getObject("organization_id", UUID.class);
        return new AuditEntry(
                rs.getLong("id"),
                rs.getTimestamp("occurred_at").toInstant(),
                PLATFORM.equals(organizationId) ? null : organizationId,
                rs.getObject("actor_id", UUID.class),
                rs.getString("actor_label"),
                rs.getObject("on_behalf_of_id", UUID.class),
                rs.getString("on_behalf_of_label"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("target_label"),
                rs.getString("source_address"),
                AuditOutcome.valueOf(rs.getString("outcome")),
                rs.getString("detail"));
    }
}
