package io.iotconsole.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every connection starts with the statement timeout of ordinary requests ({@code console.db.statement-timeout}),
 * so that one stuck query fails alone. Bulk work (a device upload, a stock import, a transfer of a million SIMs)
 * lifts it to {@code console.db.bulk-statement-timeout} for the rest of its own transaction only.
 */
@Component
public class LongStatements {
    private final JdbcClient jdbc;
    private final String timeout;

    LongStatements(JdbcClient jdbc, @Value("${console.db.bulk-statement-timeout:30min}") String timeout) {
        this.jdbc = jdbc;
        this.timeout = timeout;
    }

    /** Allows the current transaction's statements to run up to the bulk limit; PostgreSQL's SET LOCAL. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void allowInThisTransaction() {
        jdbc.sql("SELECT set_config('statement_timeout', :timeout, true)")
                .param("timeout", timeout)
                .query(String.class)
                .single();
    }
}
