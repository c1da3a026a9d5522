package io.iotconsole.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * With no {@code spring.datasource.url} configured, starts an embedded PostgreSQL whose data lives under
 * {@code console.data-dir} (default {@code ./data}) and points the datasource at it. Runs before the context is
 * built so that the ordinary datasource, Flyway and session auto-configuration apply unchanged. The server starts
 * in the background while Spring builds the context; {@link EmbeddedDatabaseReadiness} waits for it before the
 * first connection.
 */
public class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor {

    /** One server per data directory and JVM: test contexts started one after another share it. */
    private static final Map<Path, Server> SERVERS = new HashMap<>();

    /**
     * PostgreSQL settings of the embedded server, each replaceable with
     * {@code console.embedded-db.server-config.<name>}: small shared buffers keep the idle footprint low (the
     * operating system's page cache does the rest), a larger WAL allowance spares bulk changes such as a transfer of a
     * million SIMs a checkpoint halfway. People keep {@code ./data} across restarts, so an acknowledged commit must
     * survive a power cut: fsync, synchronous commit and full-page writes are on, overriding the embedding library's
     * test-oriented defaults ({@code -F} and {@code synchronous_commit=off}); a later {@code -c} wins over {@code -F}.
     */
    static final Map<String, String> DEFAULT_SERVER_CONFIG = Map.of(
            "max_connections",
            "100",
            "shared_buffers",
            "64MB",
            "max_wal_size",
            "2GB",
            "fsync",
            "on",
            "synchronous_commit",
            "on",
            "full_page_writes",
            "on");

    /**
     * A server, and the application contexts using it: it stops when the last of them has closed, after their web
     * servers finished the requests in flight and their connection pools closed.
     */
    private static final class Server {
        final int port;
        final CompletableFuture<EmbeddedPostgres> started;
        /** Completed once the server is stopped; guarded by {@link #SERVERS} together with {@link #contexts}. */
        final CompletableFuture<Void> stopped = new CompletableFuture<>();

        int contexts;

        Server(int port, CompletableFuture<EmbeddedPostgres> started) {
            this.port = port;
            this.started = started;
        }
    }

    /**
     * How long the JVM's exit waits for the application to close before stopping the server anyway: longer than the
     * web server's graceful shutdown (30 s by default), so that requests in flight still reach the database.
     */
    static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(45);

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
        Map<String, String> config = new java.util.LinkedHashMap<>(DEFAULT_SERVER_CONFIG);
        // Names as PostgreSQL spells them; from the environment, CONSOLE_EMBEDDED_DB_SERVER_CONFIG_SHARED_BUFFERS.
        org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bind(
                        "console.embedded-db.server-config",
                        org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, String.class))
                .orElse(Map.of())
                .forEach((name, value) -> config.put(name.replace('-', '_').replace('.', '_'), value));
        config.putAll(settingsFromEnvironment(environment.getSystemEnvironment()));
        Server server = start(dataDir, fresh, config);
        application.addInitializers(context -> hold(server, dataDir, context));
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", "jdbc:postgresql://localhost:" + server.port + "/postgres");
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "");
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", props));
    }

    /**
     * The settings given as {@code CONSOLE_EMBEDDED_DB_SERVER_CONFIG_<NAME>}, the form the README documents: relaxed
     * binding only reads the dash-less {@code CONSOLE_EMBEDDEDDB_SERVERCONFIG_<NAME>}, which nobody guesses.
     */
    static Map<String, String> settingsFromEnvironment(Map<String, Object> variables) {
        String prefix = "CONSOLE_EMBEDDED_DB_SERVER_CONFIG_";
        Map<String, String> settings = new java.util.TreeMap<>();
        variables.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length() && value != null) {
                settings.put(name.substring(prefix.length()).toLowerCase(java.util.Locale.ROOT), value.toString());
            }
        });
        return settings;
    }

    /** Blocks until every embedded server this JVM started is accepting connections; rethrows a failed start. */
    static void awaitStarted() {
        CompletableFuture<?>[] all;
        synchronized (SERVERS) {
            all = SERVERS.values().stream().map(server -> server.started).toArray(CompletableFuture[]::new);
        }
        try {
            CompletableFuture.allOf(all).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Stops the server this JVM started on a data directory, if any: for a test that starts its own. */
    static void stop(Path dataDir) {
        Server server;
        synchronized (SERVERS) {
            server = SERVERS.remove(dataDir);
        }
        if (server != null) {
            closeQuietly(server.started.join());
            server.stopped.complete(null);
        }
    }

    /**
     * Ties the server to an application context: the context releases it last of all its beans, once its web server
     * has finished the requests in flight and its connection pool has closed. The server stops when no context
     * holds it any more. (A JVM shutdown hook of its own would run beside Spring's and stop the database under
     * requests still being answered.)
     */
    private static void hold(
            Server server, Path dataDir, org.springframework.context.ConfigurableApplicationContext context) {
        if (!(context.getBeanFactory()
                instanceof org.springframework.beans.factory.support.DefaultSingletonBeanRegistry registry)) {
            return; // no way to hear the close: the JVM's exit stops the server
        }
        synchronized (SERVERS) {
            server.contexts++;
        }
        // disposable beans are destroyed in the reverse order of their registration: this one, first, goes last
        registry.registerDisposableBean(EmbeddedDatabaseEnvironment.class.getName(), () -> release(server, dataDir));
    }

    private static void release(Server server, Path dataDir) {
        synchronized (SERVERS) {
            if (--server.contexts > 0 || SERVERS.get(dataDir) != server) {
                return;
            }
            SERVERS.remove(dataDir);
        }
        EmbeddedPostgres running = runningOrNull(server);
        if (running != null) {
            closeQuietly(running);
        }
        server.stopped.complete(null);
    }

    /**
     * At the JVM's exit, a server still held by a context is stopped after that context closed (Spring's own
     * shutdown hook closes it, at the same time as this one runs), or after {@link #CLOSE_WAIT}.
     */
    private static void stopAtExit(Server server) {
        boolean held;
        synchronized (SERVERS) {
            held = server.contexts > 0;
        }
        if (held) {
            try {
                server.stopped.get(CLOSE_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // stop it anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        EmbeddedPostgres running = runningOrNull(server);
        if (running != null && !server.stopped.isDone()) {
            closeQuietly(running);
        }
    }

    /** The server once it has started; null while it starts or when it could not. */
    private static @org.jspecify.annotations.Nullable EmbeddedPostgres runningOrNull(Server server) {
        return server.started.isDone() && !server.started.isCompletedExceptionally() ? server.started.join() : null;
    }

    private static Server start(Path dataDir, boolean fresh, Map<String, String> config) {
        synchronized (SERVERS) {
            Server running = SERVERS.get(dataDir);
            if (running != null) {
                return running;
            }
            int port = freePort();
            var started = CompletableFuture.supplyAsync(() -> startServer(dataDir, port, fresh, config), runnable -> {
                Thread t = new Thread(runnable, "embedded-postgres-start");
                t.setDaemon(true);
                t.start();
            });
            Server server = new Server(port, started);
            SERVERS.put(dataDir, server);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAtExit(server), "embedded-postgres-stop"));
            return server;
        }
    }

    private static EmbeddedPostgres startServer(Path dataDir, int port, boolean fresh, Map<String, String> config) {
        try {
            if (fresh) {
                FileSystemUtils.deleteRecursively(dataDir);
            }
            Path pgData = dataDir.resolve("postgres");
            Files.createDirectories(pgData);
            stopOrphanedServer(pgData);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // the library's own hook would stop the server while Spring still finishes requests; see hold()
                    .setRegisterShutdownHook(false);
            config.forEach(builder::setServerConfig);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL under " + dataDir, e);
        }
    }

    /**
     * A console that was killed outright (SIGKILL, power loss of the JVM only) leaves its PostgreSQL running on the
     * data directory, which would keep the next start waiting. Stop that server first; a stale pid file alone is
     * handled by PostgreSQL itself.
     */
    private static void stopOrphanedServer(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first =
                Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
        if (!first.matches("[0-9]+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(first))
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .ifPresent(orphan -> {
                    orphan.destroy(); // SIGTERM: PostgreSQL's smart shutdown
                    try {
                        orphan.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("A PostgreSQL left running on " + pgData + " did not stop", e);
                    }
                });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
