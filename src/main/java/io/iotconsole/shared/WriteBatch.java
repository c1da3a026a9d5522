package io.iotconsole.shared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Sends a use case's follow-up inserts (its audit entry, a link, a queued mail) to PostgreSQL in one round trip.
 * Inside {@link #together}, {@link #update} only collects; the scope's end sends everything collected as one
 * multi-statement command, in the order it was written, on the same connection and transaction, so a failure of any
 * of them fails the use case as it did before. Outside a scope, or in another transaction than the scope's (an
 * audit entry written in a transaction of its own), {@code update} runs at once. The SQL stays with the feature that
 * owns the table; this class only carries it.
 */
@Component
public class WriteBatch {
    private static final ThreadLocal<@Nullable Scope> SCOPE = new ThreadLocal<>();
    private final JdbcTemplate jdbc;
    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate named;
    private final DataSource dataSource;

    WriteBatch(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc);
        this.dataSource = dataSource;
    }

    private record Write(String sql, Map<String, ?> params) {}

    private record Scope(@Nullable Object transaction, List<Write> writes) {}

    /** An INSERT or UPDATE with named parameters: now, or at the end of the enclosing {@link #together} scope. */
    public void update(String sql, Map<String, ?> params) {
        Scope scope = SCOPE.get();
        if (scope == null || scope.transaction() != TransactionSynchronizationManager.getResource(dataSource)) {
            named.update(sql, params);
            return;
        }
        scope.writes().add(new Write(sql, params));
    }

    /** Runs the work, then sends the writes it made through {@link #update} together. */
    public void together(Runnable work) {
        Assert.state(SCOPE.get() == null, "Write batches do not nest");
        var scope = new Scope(TransactionSynchronizationManager.getResource(dataSource), new ArrayList<>());
        SCOPE.set(scope);
        try {
            work.run();
        } finally {
            SCOPE.remove();
        }
        send(scope.writes());
    }

    private void send(List<Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        if (writes.size() == 1) {
            named.update(writes.get(0).sql(), writes.get(0).params());
            return;
        }
        // The driver sends the statements of one command back to back and waits once for all their answers.
        StringBuilder sql = new StringBuilder();
        List<@Nullable Object> args = new ArrayList<>();
        for (Write w : writes) {
            var source = new MapSqlParameterSource(w.params());
            ParsedSql parsed = NamedParameterUtils.parseSqlStatement(w.sql());
            sql.append(NamedParameterUtils.substituteNamedParameters(parsed, source))
                    .append(";\n");
            args.addAll(Arrays.asList(NamedParameterUtils.buildValueArray(parsed, source, null)));
        }
        jdbc.update(sql.toString(), args.toArray());
    }
}
