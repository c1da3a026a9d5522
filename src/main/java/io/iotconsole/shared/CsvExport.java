package io.iotconsole.shared;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every CSV download of the console and the API goes through here: Apache Commons CSV, every text cell through
 * {@link CsvCells} so that no cell runs as a spreadsheet formula, one content type and file name header.
 *
 * <p>Exports of tables ({@link #stream}) read their rows inside a read-only transaction with a server-side cursor and
 * write each row straight to the response, so memory stays flat however many rows there are. The connection goes
 * back to the pool however the download ends: the last row written, a failure, or a client that hangs up half-way
 * (the cursor is closed, the transaction rolled back, and nothing more is written). At most
 * {@code console.exports.max-running} exports run at once on an instance, so that slow downloads cannot hold every
 * connection of the pool; one more waits as long as a request waits for a connection, then answers 503.
 */
@Component
public class CsvExport {
    private static final Logger LOG = LoggerFactory.getLogger(CsvExport.class);
    private static final String CONTENT_TYPE = "text/csv; charset=UTF-8";

    private final TransactionTemplate readOnly;
    private final Semaphore running;
    private final long waitMillis;
    private final int maxPerOwner;
    private final Map<Object, Semaphore> runningPerOwner = new ConcurrentHashMap<>();

    CsvExport(
            PlatformTransactionManager transactions,
            @Value("${console.exports.max-running:8}") int maxRunning,
            @Value("${spring.datasource.hikari.connection-timeout:5000}") long waitMillis,
            @Value("${console.exports.max-running-per-organization:4}") int maxPerOwner) {
        this.maxPerOwner = maxPerOwner;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.running = new Semaphore(maxRunning, true);
        this.waitMillis = waitMillis;
    }

    /**
     * The rows of an export, read inside the export's transaction and handed over one at a time; a repository
     * streams them from a cursor (a fetch size, the stream closed when done), never from a list.
     */
    @FunctionalInterface
    public interface Rows<T> {
        void forEach(Consumer<? super T> row);

        /** Whose data this is (an organisation's id), so that one organisation cannot hold every export slot. */
        default @Nullable Object owner() {
            return null;
        }

        /** The rows of one organisation's data ({@code owner} null: the operator's view of every organisation). */
        static <T> Rows<T> of(@Nullable Object owner, Rows<T> rows) {
            return new Rows<>() {
                @Override
                public void forEach(Consumer<? super T> row) {
                    rows.forEach(row);
                }

                @Override
                public @Nullable Object owner() {
                    return owner;
                }
            };
        }
    }

    /** The header of a CSV file and how one row becomes its cells, in the header's order. */
    public record Columns<T>(List<String> names, Function<? super T, @Nullable Object[]> cells) {
        public static <T> Columns<T> of(Function<? super T, @Nullable Object[]> cells, String... names) {
            return new Columns<>(List.of(names), cells);
        }
    }

    /**
     * Streams the rows to the response as {@code fileName}. The caller checks permissions and filters first, so that
     * those failures still answer a proper error; so does a failure before the first bytes leave.
     */
    public <T> void stream(HttpServletResponse response, String fileName, Columns<T> columns, Rows<T> rows)
            throws IOException {
        // one organisation's downloads (say, clients that stopped reading) never take every slot of the server
        Object owner = rows.owner();
        Semaphore own = owner == null ? null : runningPerOwner.computeIfAbsent(owner, o -> new Semaphore(maxPerOwner));
        if (own != null && !acquire(own)) {
            throw new BusyException("Your organisation already has " + maxPerOwner
                    + " exports running on this server; try again when one has finished.");
        }
        try {
            streamWithinTheServersLimit(response, fileName, columns, rows);
        } finally {
            if (own != null) {
                own.release();
            }
        }
    }

    /** A slot, waiting as long as a request waits for a database connection. */
    private boolean acquire(Semaphore slots) {
        try {
            return slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("The export was interrupted; try again.");
        }
    }

    private <T> void streamWithinTheServersLimit(
            HttpServletResponse response, String fileName, Columns<T> columns, Rows<T> rows) throws IOException {
        try {
            if (!running.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new BusyException("Too many exports are running on this server; try again in a minute.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("The export was interrupted; try again.");
        }
        try {
            response.setContentType(CONTENT_TYPE);
            response.setHeader("Content-Disposition", disposition(fileName));
            readOnly.executeWithoutResult(tx -> write(response, columns, rows));
        } catch (ClientGone e) {
            LOG.debug(
                    "The client of {} left before the end: {}",
                    fileName,
                    e.getCause().toString());
        } catch (RuntimeException e) {
            if (!response.isCommitted()) {
                response.reset();
            }
            throw e;
        } finally {
            running.release();
        }
    }

    private static <T> void write(HttpServletResponse response, Columns<T> columns, Rows<T> rows) {
        try {
            var out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
            try (CSVPrinter csv = printer(out, columns)) {
                rows.forEach(row -> print(csv, columns, row));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ClientGone(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        }
    }

    /** A small CSV made in memory (a report kept for later download), in the same format as the exports. */
    public static <T> String text(Columns<T> columns, Iterable<? extends T> rows) {
        var out = new StringWriter();
        try (CSVPrinter csv = printer(out, columns)) {
            rows.forEach(row -> print(csv, columns, row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A CSV file made already (a template, a kept report), as a download named {@code fileName}. */
    public static ResponseEntity<String> file(String fileName, String csv) {
        return ResponseEntity.ok()
                .header("Content-Type", CONTENT_TYPE)
                .header("Content-Disposition", disposition(fileName))
                .body(csv);
    }

    private static CSVPrinter printer(Appendable out, Columns<?> columns) throws IOException {
        return new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(columns.names().toArray(String[]::new))
                        .get());
    }

    private static <T> void print(CSVPrinter csv, Columns<T> columns, T row) {
        @Nullable Object[] cells = columns.cells().apply(row);
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] instanceof CharSequence text) {
                cells[i] = CsvCells.safe(text.toString());
            }
        }
        try {
            csv.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String disposition(String fileName) {
        return "attachment; filename=\"" + fileName + "\"";
    }

    /** A write to the response failed: the client closed the connection. */
    private static final class ClientGone extends RuntimeException {
        ClientGone(IOException cause) {
            super(cause);
        }
    }
}
