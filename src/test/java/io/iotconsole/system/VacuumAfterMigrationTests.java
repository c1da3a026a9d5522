package io.iotconsole.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The vacuum that follows applied migrations reaches a table a migration has just rewritten, and Flyway runs it. */
@IntegrationTest
class VacuumAfterMigrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    VacuumAfterMigration vacuum;

    @Autowired
    Flyway flyway;

    @AfterEach
    void dropProbe() {
        jdbc.sql("DROP SCHEMA IF EXISTS vacuum_probe CASCADE").update();
    }

    @Test
    void aTableRewrittenByAMigrationIsVacuumedAndAnalysed() {
        jdbc.sql("CREATE SCHEMA vacuum_probe").update();
        jdbc.sql("CREATE TABLE vacuum_probe.t AS SELECT n FROM generate_series(1, 20000) AS n")
                .update();
        // what a migration adding a stored column does: the table is rewritten
        jdbc.sql("ALTER TABLE vacuum_probe.t ADD COLUMN twice int GENERATED ALWAYS AS (n * 2) STORED")
                .update();
        assertThat(counts()).isEqualTo("0 0");

        vacuum.vacuum();

        assertThat(counts()).as("vacuumed and analysed once").isEqualTo("1 1");
    }

    @Test
    void flywayRunsItOnceMigrationsWereApplied() {
        assertThat(flyway.getConfiguration().getCallbacks()).contains(vacuum);
        assertThat(vacuum.supports(Event.AFTER_MIGRATE_APPLIED, null)).isTrue();
        assertThat(vacuum.supports(Event.AFTER_MIGRATE, null)).isFalse();
    }

    private String counts() {
        return jdbc.sql("SELECT vacuum_count || ' ' || analyze_count FROM pg_stat_user_tables"
                        + " WHERE relid = 'vacuum_probe.t'::regclass")
                .query(String.class)
                .single();
    }
}
