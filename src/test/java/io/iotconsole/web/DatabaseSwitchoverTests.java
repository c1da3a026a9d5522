package io.iotconsole.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database that goes away under a request, as when the primary fails over: the request's own backend is
 * terminated by the server ({@code pg_terminate_backend}, SQLState 57P01) while it waits on a lock this test holds.
 * The request answers 503 with {@code Retry-After}, nothing of it is written, and the next request gets a fresh
 * connection and succeeds, with no restart.
 */
@IntegrationTest
class DatabaseSwitchoverTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    TestData data;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aWriteWhoseConnectionIsTerminatedAnswers503AndWritesNothing() throws Exception {
        var org = data.organization("Switchover Write Co");
        String token = data.api().token(org.ownerEmail(), TestData.PASSWORD);
        String email = "switchover-" + UUID.randomUUID() + "@example.test";
        String body = "{\"firstName\":\"Ada\",\"lastName\":\"Failover\",\"email\":\"" + email + "\"}";

        HttpResponse<String> failed = terminatedWhileWaiting(
                "LOCK TABLE customer IN SHARE MODE",
                () -> send(HttpRequest.newBuilder(uri("/api/v1/customers"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))));

        assertSwitchoverProblem(failed);
        assertThat(customers(email)).as("the terminated insert left nothing").isZero();

        HttpResponse<String> retried = send(HttpRequest.newBuilder(uri("/api/v1/customers"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(customers(email)).isEqualTo(1);
    }

    @Test
    void aFailureInTheSecurityFiltersAnswersTheSameProblem() throws Exception {
        var org = data.organization("Switchover Token Co");
        String token = data.api().token(org.ownerEmail(), TestData.PASSWORD);

        HttpResponse<String> failed = terminatedWhileWaiting(
                "LOCK TABLE access_token IN ACCESS EXCLUSIVE MODE",
                () -> send(HttpRequest.newBuilder(uri("/api/v1/me"))
                        .header("Authorization", "Bearer " + token)
                        .GET()));

        assertSwitchoverProblem(failed);
        HttpResponse<String> again = send(HttpRequest.newBuilder(uri("/api/v1/me"))
                .header("Authorization", "Bearer " + token)
                .GET());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    }

    @Test
    void aPageWhoseConnectionIsTerminatedSaysToTryAgain() throws Exception {
        var org = data.organization("Switchover Page Co");
        var console = data.console(org.ownerEmail(), TestData.PASSWORD);

        var page = terminatedWhileWaiting("LOCK TABLE sim_card IN ACCESS EXCLUSIVE MODE", () -> console.get("/sims"));

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.body()).contains("The database is switching over; try again.");
        assertThat(console.get("/sims").status()).isEqualTo(200);
    }

    @Test
    void everyFailoverStateIsRecognisedAndNothingElse() {
        // the real error a former primary gives a write (25006), as Spring translates it
        var readOnlyTransaction = new TransactionTemplate(transactions);
        readOnlyTransaction.setReadOnly(true);
        RuntimeException readOnly = null;
        try {
            readOnlyTransaction.executeWithoutResult(t -> data.jdbc()
                    .sql("CREATE TEMPORARY TABLE switchover_probe (id int)")
                    .update());
        } catch (RuntimeException e) {
            // the pool drops the connection at once, so the rollback finds it closed: the failure says so too
            readOnly = e;
        }
        assertThat(readOnly).isNotNull();
        assertThat(DatabaseSwitchover.causedBy(readOnly)).isTrue();
        assertThat(DatabaseSwitchover.causedBy(new SQLException("gone", "08006")))
                .isTrue();
        assertThat(DatabaseSwitchover.causedBy(new RuntimeException(new SQLException("shut down", "57P01"))))
                .isTrue();
        assertThat(DatabaseSwitchover.causedBy(new SQLException("statement timeout", "57014")))
                .isFalse();
        assertThat(DatabaseSwitchover.causedBy(new SQLException("duplicate", "23505")))
                .isFalse();
        assertThat(DatabaseSwitchover.causedBy(new IllegalStateException("no database at all")))
                .isFalse();
    }

    private static void assertSwitchoverProblem(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"status\":503").contains("The database is switching over; try again.");
    }

    /**
     * Holds {@code lock} in a transaction of its own, starts the request, terminates every backend that waits
     * for that lock until the request has answered, and returns the answer.
     */
    private <T> T terminatedWhileWaiting(String lock, Supplier<T> request) throws Exception {
        CompletableFuture<T> answer;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(lock);
            }
            answer = new CompletableFuture<>();
            CompletableFuture<T> result = answer;
            new Thread(() -> {
                        try {
                            result.complete(request.get());
                        } catch (RuntimeException e) {
                            result.completeExceptionally(e);
                        }
                    })
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            int terminated = 0;
            // every backend that waits for this lock is terminated until the request has answered (a background
            // job that happens to wait too goes the same way, as it would in a failover)
            while (!answer.isDone() && System.nanoTime() < deadline) {
                try (Statement clear = c.createStatement()) {
                    // pg_stat_activity is read once per transaction unless its snapshot is dropped
                    clear.execute("SELECT pg_stat_clear_snapshot()");
                }
                try (var s = c.createStatement();
                        var rs = s.executeQuery("""
                                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                                WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))
                                """)) {
                    rs.next();
                    terminated += rs.getInt(1);
                }
                Thread.sleep(20);
            }
            String seen = terminated > 0 ? "" : activity(c);
            c.rollback();
            assertThat(terminated)
                    .as("the request waited for the lock; backends: %s", seen)
                    .isPositive();
        }
        return answer.get(30, TimeUnit.SECONDS);
    }

    private static String activity(Connection c) throws SQLException {
        var seen = new StringBuilder();
        try (var s = c.createStatement();
                var rs = s.executeQuery(
                        "SELECT pid, state, wait_event_type, pg_blocking_pids(pid)::text, left(query, 80) FROM pg_stat_activity"
                                + " WHERE datname = current_database()")) {
            while (rs.next()) {
                seen.append("\n")
                        .append(rs.getString(1))
                        .append(' ')
                        .append(rs.getString(2))
                        .append(' ')
                        .append(rs.getString(3))
                        .append(' ')
                        .append(rs.getString(4))
                        .append(' ')
                        .append(rs.getString(5));
            }
        }
        return seen.toString();
    }

    private int customers(String email) {
        return data.jdbc()
                .sql("SELECT count(*) FROM customer WHERE email = ?")
                .param(email)
                .query(Integer.class)
                .single();
    }

    private URI uri(String path) {
        return URI.create(data.baseUrl() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
