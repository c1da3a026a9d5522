package io.iotconsole.system;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * After a start that applied migrations, the database is vacuumed and analysed in the background. A migration that
 * rewrites a table (a new stored column, a changed type) leaves it with an empty visibility map and no statistics, and
 * no autovacuum follows a rewrite (it creates no dead rows): until a vacuum, every index-only scan reads the table's
 * rows as well, which made the customer lookup five times slower after such an upgrade. The console answers
 * meanwhile; a vacuum blocks neither reads nor writes.
 */
@Component
class VacuumAfterMigration implements Callback {
    private static final Logger log = LoggerFactory.getLogger(VacuumAfterMigration.class);
    private final ObjectProvider<DataSource> dataSource;

    VacuumAfterMigration(ObjectProvider<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE_APPLIED;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Thread vacuum = new Thread(this::vacuum, "vacuum-after-migration");
        vacuum.setDaemon(true);
        vacuum.start();
    }

    /** Runs on its own connection from the pool, outside any transaction (VACUUM refuses one). */
    void vacuum() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getObject().getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("VACUUM (ANALYZE)");
            log.info(
                    "Vacuumed and analysed the database after its migrations in {} ms",
                    (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            // autovacuum gets there in the end; only the lookups are slower until then
            log.warn("Could not vacuum the database after its migrations: {}", e.getMessage());
        }
    }

    @Override
    public String getCallbackName() {
        return "vacuum after migration";
    }
}
