package io.iotconsole.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports over real HTTP against the real database: whether the client reads to the end or hangs up half-way, every
 * export gives its connection back, and the instance keeps answering ordinary requests at once.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvExportTests {
    private static final int SIMS = 5000;
    private static final int AUDIT_ROWS = 3000;

    @Autowired
    TestData data;

    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    LongStatements longStatements;

    private TestData.Org org;
    private String token;

    @BeforeAll
    void anOrganisationWithThousandsOfSimsAndAuditEntries() {
        org = data.organization("Export Load");
        SimInventoryTestSupport.stock(data, org.id(), SIMS, 19);
        data.jdbc().sql("""
                        INSERT INTO audit_event (organization_id, actor_label, action, target_type, target_id,
                                                 target_label, outcome, detail)
                        SELECT :org, '=cmd|calc ' || n, 'SIM_UPDATED', 'SIM', n::text, '@label ' || n, 'SUCCESS',
                               'line one' || chr(10) || '-line two, "quoted"'
                        FROM generate_series(1, :n) n""").param("org", org.id()).param("n", AUDIT_ROWS).update();
        token = data.api().token(org.ownerEmail(), TestData.PASSWORD);
        // once before anything is timed, so that the timings below are answers, not a cold start
        data.api().withToken(token).get("/api/v1/me").expect(200);
        data.api().withToken(token).get("/api/v1/sims?size=50").expect(200);
    }

    @Test
    void aHundredSimExportsHalfAbandonedLeaveNoConnectionBehind() throws Exception {
        long expected = count("SELECT count(*) FROM sim_card WHERE organization_id = :org");
        assertThat(expected).isEqualTo(SIMS);
        long rollbacksBefore = rollbacks();
        // as many at once as one organisation may run
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Long>> exports = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            boolean abandon = i % 2 == 0;
            exports.add(clients.submit(() -> abandon ? abandon("/api/v1/sims/export") : rows("/api/v1/sims/export")));
        }
        for (int i = 0; i < exports.size(); i++) {
            long rows = exports.get(i).get(2, TimeUnit.MINUTES);
            if (i % 2 == 1) {
                assertThat(rows).as("rows of export %d", i).isEqualTo(expected);
            }
        }
        clients.shutdown();

        ordinaryRequestsAnswerAtOnce();
        noConnectionIsHeld();
        // An abandoned export rolls its read-only transaction back when its client hangs up mid-stream.
        long rolledBack = awaitRollbacks(rollbacksBefore + 50) - rollbacksBefore;
        System.out.println("Transactions rolled back during the exports: " + rolledBack);
        assertThat(rolledBack).isGreaterThanOrEqualTo(50);
    }

    @Test
    void auditExportsHalfAbandonedLeaveNoConnectionBehind() throws Exception {
        long expected = count("SELECT count(*) FROM audit_event WHERE organization_id = :org");
        assertThat(expected).isGreaterThanOrEqualTo(AUDIT_ROWS);
        for (int i = 0; i < 30; i++) {
            if (i % 2 == 0) {
                abandon("/api/v1/audit-events/export");
            } else {
                assertThat(rows("/api/v1/audit-events/export")).isEqualTo(expected);
            }
        }
        ordinaryRequestsAnswerAtOnce();
        noConnectionIsHeld();
    }

    @Test
    void twentyConsoleExportsInARowAndThePagesStillAnswer() {
        ConsoleSession owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        long sims = count("SELECT count(*) FROM sim_card WHERE organization_id = :org");
        long entries = count("SELECT count(*) FROM audit_event WHERE organization_id = :org");
        // the pages once before, so that what is timed below is the answer, not the first rendering of a template
        assertThat(owner.get("/sims").status()).isEqualTo(200);
        assertThat(owner.get("/").status()).isEqualTo(200);
        for (int i = 0; i < 25; i++) {
            var csv = owner.get("/sims/export.csv");
            assertThat(csv.status()).isEqualTo(200);
            assertThat(records(csv.body())).isEqualTo(sims);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(records(owner.get("/audit/export.csv").body())).isGreaterThanOrEqualTo(entries);
        }
        long started = System.nanoTime();
        assertThat(owner.get("/sims").status()).isEqualTo(200);
        assertThat(owner.get("/").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        noConnectionIsHeld();
    }

    @Test
    void everyTextCellOfTheAuditExportIsSafeFromFormulas() throws IOException {
        String csv = data.api()
                .withToken(token)
                .get("/api/v1/audit-events/export?action=SIM_UPDATED")
                .body();
        try (var parser = CSVParser.builder()
                .setReader(new java.io.StringReader(csv))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().get())
                .get()) {
            var records = parser.getRecords();
            assertThat(records).hasSize(AUDIT_ROWS);
            for (var r : records) {
                assertThat(r.get("actor")).startsWith("'=cmd|calc ");
                assertThat(r.get("target")).startsWith("'@label ");
                assertThat(r.get("detail")).isEqualTo("line one\n-line two, \"quoted\"");
            }
        }
    }

    @Test
    void clientsThatStopReadingHoldAtMostTheExportSlotsNotThePool() throws Exception {
        // more rows than the socket buffers of both sides hold, so that a client that stops reading stops the export
        var big = data.organization("Export Stall");
        data.jdbc().sql("""
                        INSERT INTO sim_card (organization_id, iccid, imsi, msisdn, label)
                        SELECT :org, '8977' || lpad(n::text, 15, '0'), '23499' || lpad(n::text, 10, '0'),
                               '4479' || lpad(n::text, 9, '0'), rpad('stalled export ', 100, 'x')
                        FROM generate_series(1, 100000) n""").param("org", big.id()).update();
        String bigToken = data.api().token(big.ownerEmail(), TestData.PASSWORD);
        var other = data.organization("Export Stall Too");
        data.jdbc().sql("""
                        INSERT INTO sim_card (organization_id, iccid, imsi, msisdn, label)
                        SELECT :org, '8978' || lpad(n::text, 15, '0'), '23498' || lpad(n::text, 10, '0'),
                               '4478' || lpad(n::text, 9, '0'), rpad('stalled export ', 100, 'x')
                        FROM generate_series(1, 100000) n""").param("org", other.id()).update();
        String otherToken = data.api().token(other.ownerEmail(), TestData.PASSWORD);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                stalled.add(request("/api/v1/sims/export", bigToken));
            }
            Thread.sleep(500);
            // a fifth of the same organisation waits for one of its own slots and is told to come back;
            // another organisation still exports
            try (Socket fifth = request("/api/v1/sims/export", bigToken)) {
                assertThat(statusLine(fifth.getInputStream())).contains(" 503 ");
            }
            assertThat(rows("/api/v1/sims/export"))
                    .as("another organisation's export")
                    .isEqualTo(SIMS);
            for (int i = 0; i < 4; i++) {
                stalled.add(request("/api/v1/sims/export", otherToken));
            }
            Thread.sleep(500);
            // with every slot of the server taken, a ninth waits as long as for a connection, then is told to come back
            long started = System.nanoTime();
            try (Socket ninth = request("/api/v1/sims/export", token)) {
                assertThat(statusLine(ninth.getInputStream())).contains(" 503 ");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            ordinaryRequestsAnswerAtOnce();
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
        data.jdbc()
                .sql("DELETE FROM sim_card WHERE organization_id = :org")
                .param("org", other.id())
                .update();
        noConnectionIsHeld();
        assertThat(rows("/api/v1/sims/export")).isEqualTo(SIMS);
        data.jdbc()
                .sql("DELETE FROM sim_card WHERE organization_id = :org")
                .param("org", big.id())
                .update();
    }

    @Test
    void statementsOfOrdinaryRequestsAreLimitedAndBulkWorkHasALongerLimit() {
        JdbcClient jdbc = data.jdbc();
        assertThat(jdbc.sql("SHOW statement_timeout").query(String.class).single())
                .isEqualTo("30s");
        var tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> {
            longStatements.allowInThisTransaction();
            assertThat(jdbc.sql("SHOW statement_timeout").query(String.class).single())
                    .isEqualTo("30min");
        });
        assertThat(jdbc.sql("SHOW statement_timeout").query(String.class).single())
                .isEqualTo("30s");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                    jdbc.sql("SELECT set_config('statement_timeout', '100ms', true)")
                            .query(String.class)
                            .single();
                    jdbc.sql("SELECT pg_sleep(2)").query().listOfRows();
                }))
                .isInstanceOf(QueryTimeoutException.class);
        assertThat(((HikariDataSource) dataSource).getConnectionTimeout()).isEqualTo(5000);
    }

    @Test
    void aRequestWaitsForAConnectionOnlyAFewSeconds() throws Exception {
        var pool = (HikariDataSource) dataSource;
        List<java.sql.Connection> held = new ArrayList<>();
        try {
            while (held.size() < pool.getMaximumPoolSize()) {
                held.add(pool.getConnection());
            }
            long started = System.nanoTime();
            var answer = data.api().withToken(token).get("/api/v1/sims");
            assertThat(answer.status()).isGreaterThanOrEqualTo(500);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        } finally {
            for (var c : held) {
                c.close();
            }
        }
        ordinaryRequestsAnswerAtOnce();
    }

    private void ordinaryRequestsAnswerAtOnce() {
        var api = data.api().withToken(token);
        long started = System.nanoTime();
        api.get("/api/v1/me").expect(200);
        assertThat(api.get("/api/v1/sims?size=50")
                        .expect(200)
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(SIMS);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("GET /api/v1/me and /api/v1/sims")
                .isLessThan(Duration.ofSeconds(1));
    }

    /** The pool has every connection back, and the database has no open transaction or export left running. */
    private void noConnectionIsHeld() {
        var pool = ((HikariDataSource) dataSource).getHikariPoolMXBean();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        int active = pool.getActiveConnections();
        while (active > 0 && System.nanoTime() < deadline) {
            TestData.sleep(50);
            active = pool.getActiveConnections();
        }
        assertThat(active).as("active connections of the pool").isZero();
        assertThat(data.jdbc().sql("""
                                SELECT count(*) FROM pg_stat_activity
                                WHERE pid <> pg_backend_pid() AND datname = current_database()
                                  AND (state LIKE 'idle in transaction%'
                                       OR (state = 'active' AND (query ILIKE '%FROM sim_card%'
                                                                 OR query ILIKE '%FROM audit_event%')))""").query(Long.class).single()).isZero();
    }

    private long count(String sql) {
        return data.jdbc().sql(sql).param("org", org.id()).query(Long.class).single();
    }

    private long rollbacks() {
        return data.jdbc()
                .sql("SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()")
                .query(Long.class)
                .single();
    }

    /** Other sessions report their statistics when idle, within about ten seconds. */
    private long awaitRollbacks(long atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long now = rollbacks();
        while (now < atLeast && System.nanoTime() < deadline) {
            TestData.sleep(250);
            data.jdbc().sql("SELECT pg_stat_clear_snapshot()").query().listOfRows();
            now = rollbacks();
        }
        return now;
    }

    /** Reads the whole export and answers its number of records (the header not counted). */
    private long rows(String path) {
        try (Socket socket = request(path)) {
            InputStream in = socket.getInputStream();
            String status = statusLine(in);
            assertThat(status).contains(" 200 ");
            boolean chunked = headers(in).contains("transfer-encoding: chunked");
            var body = new java.io.ByteArrayOutputStream();
            if (chunked) {
                dechunk(in, body);
            } else {
                in.transferTo(body);
            }
            return records(body.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a few bytes of the export and hangs up. */
    private long abandon(String path) {
        try (Socket socket = request(path)) {
            byte[] first = socket.getInputStream().readNBytes(200);
            assertThat(new String(first, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw HTTP/1.1 request whose client reads slowly: a small receive window, so the server cannot run ahead. */
    private Socket request(String path) throws IOException {
        return request(path, token);
    }

    private Socket request(String path, String bearer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.setSoTimeout(60_000);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + bearer
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    private int port() {
        return java.net.URI.create(data.baseUrl()).getPort();
    }

    private static String statusLine(InputStream in) throws IOException {
        return line(in);
    }

    private static String headers(InputStream in) throws IOException {
        var all = new StringBuilder();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            all.append(h.toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        return all.toString();
    }

    private static void dechunk(InputStream in, OutputStream body) throws IOException {
        while (true) {
            int size = Integer.parseInt(line(in).strip(), 16);
            if (size == 0) {
                return;
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        var b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static long records(String csv) {
        try (var parser = CSVParser.builder()
                .setReader(new InputStreamReader(
                        new java.io.ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().get())
                .get()) {
            return parser.stream().count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
