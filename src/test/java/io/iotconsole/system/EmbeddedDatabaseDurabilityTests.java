package io.iotconsole.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/**
 * The embedded PostgreSQL as the console starts it with nothing configured: the running server is asked whether an
 * acknowledged commit reaches the disk.
 */
class EmbeddedDatabaseDurabilityTests {

    @Test
    void theDefaultEmbeddedServerFlushesEveryCommit(@TempDir Path dataDir) throws Exception {
        MockEnvironment environment = new MockEnvironment().withProperty("console.data-dir", dataDir.toString());
        new EmbeddedDatabaseEnvironment().postProcessEnvironment(environment, new SpringApplication());
        EmbeddedDatabaseEnvironment.awaitStarted();
        try (Connection c =
                DriverManager.getConnection(environment.getProperty("spring.datasource.url"), "postgres", "")) {
            assertThat(settings(c, "fsync", "synchronous_commit", "full_page_writes"))
                    .containsEntry("fsync", "on")
                    .containsEntry("synchronous_commit", "on")
                    .containsEntry("full_page_writes", "on");
        } finally {
            EmbeddedDatabaseEnvironment.stop(dataDir.toAbsolutePath().normalize());
        }
    }

    @Test
    void aSettingCanStillBeChosen(@TempDir Path dataDir) throws Exception {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("console.data-dir", dataDir.toString())
                .withProperty("console.embedded-db.server-config.synchronous-commit", "off");
        new EmbeddedDatabaseEnvironment().postProcessEnvironment(environment, new SpringApplication());
        EmbeddedDatabaseEnvironment.awaitStarted();
        try (Connection c =
                DriverManager.getConnection(environment.getProperty("spring.datasource.url"), "postgres", "")) {
            assertThat(settings(c, "fsync", "synchronous_commit"))
                    .containsEntry("fsync", "on")
                    .containsEntry("synchronous_commit", "off");
        } finally {
            EmbeddedDatabaseEnvironment.stop(dataDir.toAbsolutePath().normalize());
        }
    }

    @Test
    void theReadmesEnvironmentVariablesNameSettings() {
        assertThat(EmbeddedDatabaseEnvironment.settingsFromEnvironment(Map.of(
                        "CONSOLE_EMBEDDED_DB_SERVER_CONFIG_SHARED_BUFFERS", "256MB",
                        "CONSOLE_EMBEDDED_DB_SERVER_CONFIG_", "ignored",
                        "CONSOLE_DATA_DIR", "/tmp/x")))
                .containsExactly(Map.entry("shared_buffers", "256MB"));
    }

    private static Map<String, String> settings(Connection c, String... names) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    values.put(name, rs.getString(1));
                }
            }
        }
        return values;
    }
}
