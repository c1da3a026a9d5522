package io.iotconsole.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * With no {@code spring.datasource.url} configured, starts an embedded PostgreSQL whose data lives under
 * {@code console.data-dir} (default {@code ./data}) and points the datasource at it. Runs before the context is
 * built so that the ordinary datasource, Flyway and session auto-configuration apply unchanged.
 */
public class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor {

    /** One server per data directory and JVM: test contexts started one after another share it. */
    private static final Map<Path, EmbeddedPostgres> SERVERS = new HashMap<>();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        if (url != null && !url.isBlank()) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("console.data-dir", "./data"))
                .toAbsolutePath()
                .normalize();
        boolean fresh = environment.getProperty("console.embedded-db.fresh", Boolean.class, false);
        EmbeddedPostgres server = start(dataDir, fresh);
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", server.getJdbcUrl("postgres", "postgres"));
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "");
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", props));
    }

    private static synchronized EmbeddedPostgres start(Path dataDir, boolean fresh) {
        EmbeddedPostgres running = SERVERS.get(dataDir);
        if (running != null) {
            return running;
        }
        try {
            if (fresh) {
                FileSystemUtils.deleteRecursively(dataDir);
            }
            Path pgData = dataDir.resolve("postgres");
            Files.createDirectories(pgData);
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "64MB")
                    .start();
            SERVERS.put(dataDir, server);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server)));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL under " + dataDir, e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException ignored) {
            // the JVM is exiting; nothing more to do
        }
    }
}
