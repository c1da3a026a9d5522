package io.iotconsole.customer;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.CsvReader;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.LongStatements;
import io.iotconsole.upload.UploadProgress;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Bulk device upload for one customer: a CSV of the template's columns. The file streams through once: each row is
 * checked on its own and copied into a temporary table; then the checks across rows and against the organisation
 * (repeated serial numbers, serial numbers and ICCIDs already taken, unknown ICCIDs) run in the database. Every
 * problem is reported by row (the header is row 1) and column; only a file without problems is written, in the same
 * transaction. Memory stays flat whatever the file's size.
 */
@Service
public class DeviceImports {
    public static final String TEMPLATE = "location_name,location_address,device_name,serial_number,model,iccid\n";
    static final String[] COLUMNS = TEMPLATE.strip().split(",");
    static final int MAX_PROBLEMS = 1000;
    private static final int COPY_BATCH = 10_000;
    private static final int WRITE_SLICE = 50_000;
    private static final String CHECK_MEMORY = "128MB";
    private final Customers customers;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final AuditLog audit;
    private final LongStatements longStatements;

    DeviceImports(
            Customers customers,
            JdbcClient jdbc,
            DataSource dataSource,
            AuditLog audit,
            LongStatements longStatements) {
        this.customers = customers;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.longStatements = longStatements;
        this.audit = audit;
    }

    /** The outcome: rows read, devices written (0 for a dry run or a refused file), and the problems. */
    public record Report(Customer customer, long rows, long written, boolean dryRun, List<FieldProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    @Transactional
    public Report upload(UUID customerId, InputStream csv, boolean dryRun) {
        return upload(
                customers.get(Permission.CUSTOMER_MANAGE, customerId), UploadProgress.untracked(csv), dryRun, null);
    }

    /** The customer with this e-mail address in the caller's organisation, for an upload (customer.manage). */
    @Transactional(readOnly = true)
    public Customer customerForUpload(@Nullable String email, @Nullable UUID organizationId) {
        UUID org = customers.scope(Permission.CUSTOMER_MANAGE, organizationId).organizationId("organizationId");
        return (email == null || email.isBlank()
                        ? java.util.Optional.<Customer>empty()
                        : customers.byEmail(org, email.strip()))
                .orElseThrow(() -> InvalidInputException.of(
                        "email", "No customer with this e-mail address; create the customer first"));
    }

    /**
     * An upload whose caller was checked already (the console's background upload): the file is read through
     * {@code progress}, which hears each phase, and the audit entry names {@code actor}.
     */
    @Transactional
    Report uploadChecked(Customer customer, UploadProgress progress, ConsoleUser actor) {
        return upload(customer, progress, false, actor);
    }

    private Report upload(Customer customer, UploadProgress progress, boolean dryRun, @Nullable ConsoleUser actor) {
        longStatements.allowInThisTransaction();
        // the checks across a million rows sort them; in memory rather than in temporary files
        jdbc.sql("SELECT set_config('work_mem', :memory, true)")
                .param("memory", CHECK_MEMORY)
                .query(String.class)
                .single();
        jdbc.sql("""
                        CREATE TEMPORARY TABLE device_upload (
                            line integer, location_name text, location_address text, device_name text,
                            serial_number text, model text, iccid text) ON COMMIT DROP""").update();
        List<FieldProblem> problems = new ArrayList<>();
        long rows = stage(progress.input(), problems, progress);
        if (rows == 0 && problems.isEmpty()) {
            problems.add(FieldProblem.atRow(2, COLUMNS[0], "The file has no devices"));
        }
        progress.problemsFound(problems.size());
        progress.checking();
        UUID org = customer.organizationId();
        if (problems.size() < MAX_PROBLEMS) {
            // a file that will be written leaves the checks a unique index makes to the writing itself
            crossChecks(org, problems, dryRun || !problems.isEmpty());
        }
        if (!problems.isEmpty() || dryRun) {
            return refused(customer, rows, dryRun, problems);
        }
        progress.writing(rows);
        TransactionStatus transaction = TransactionAspectSupport.currentTransactionStatus();
        Object beforeWriting = transaction.createSavepoint();
        long written;
        try {
            written = write(customer, progress, rows);
        } catch (DuplicateKeyException e) {
            // a serial number or ICCID repeated or taken: nothing of the writing stays; the checks say which rows
            transaction.rollbackToSavepoint(beforeWriting);
            crossChecks(org, problems, true);
            if (problems.isEmpty()) {
                throw e; // taken by an upload that finished meanwhile, yet not seen: let it fail as before
            }
            return refused(customer, rows, false, problems);
        }
        transaction.releaseSavepoint(beforeWriting);
        AuditRecord record = AuditRecord.success(
                        customer.organizationId(), "DEVICES_UPLOADED", "CUSTOMER", customer.id(), customer.auditLabel())
                .withDetail(written + " devices");
        audit.record(actor == null ? record : record.byActor(actor.id(), actor.auditLabel()));
        return new Report(customer, rows, written, false, List.of());
    }

    private Report refused(Customer customer, long rows, boolean dryRun, List<FieldProblem> problems) {
        problems.sort(Comparator.comparingInt((FieldProblem p) -> p.row() == null ? 0 : p.row()));
        List<FieldProblem> listed = List.copyOf(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
        jdbc.sql("DROP TABLE device_upload").update();
        return new Report(customer, rows, 0, dryRun, listed);
    }

    /**
     * Reads the file once: each row's own checks, and the well-formed rows copied into {@code device_upload}. One COPY
     * takes the whole file, a batch of rows at a time, so that PostgreSQL stores a batch while the next one is read.
     */
    private long stage(InputStream csv, List<FieldProblem> problems, UploadProgress progress) {
        Staging staging = new Staging(copyIn(), problems, progress);
        try {
            CsvReader.commas().read(csv, staging::row);
        } catch (CsvReader.UnreadableException e) {
            problems.add(FieldProblem.atRow(e.row(), COLUMNS[0], e.getMessage()));
        } catch (RuntimeException e) {
            staging.cancel(); // the connection must leave COPY before the transaction can roll back
            throw e;
        }
        staging.finish();
        return staging.rows;
    }

    /** The rows of one upload on their way into {@code device_upload}, a batch of COPY lines at a time. */
    private static final class Staging {
        private final CopyIn copy;
        private final List<FieldProblem> problems;
        private final UploadProgress progress;
        private final StringBuilder batch = new StringBuilder(COPY_BATCH * 128);
        private int batched;
        private long rows;
        private boolean headerSeen;

        Staging(CopyIn copy, List<FieldProblem> problems, UploadProgress progress) {
            this.copy = copy;
            this.problems = problems;
            this.progress = progress;
        }

        boolean row(CsvReader.Row row) {
            if (!headerSeen) {
                headerSeen = true;
                return header(row, problems);
            }
            rows++;
            progress.rowRead();
            if (checkRow(row, problems)) {
                appendCopyLine(batch, row);
                if (++batched == COPY_BATCH) {
                    send();
                }
            }
            progress.problemsFound(problems.size());
            return problems.size() < MAX_PROBLEMS;
        }

        private void send() {
            byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not stage the upload", e);
            }
            batch.setLength(0);
            batched = 0;
        }

        void finish() {
            if (batched > 0) {
                send();
            }
            try {
                copy.endCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not stage the upload", e);
            }
        }

        void cancel() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                // the transaction fails anyway; the original exception says why
            }
        }
    }

    private static final String COPY_SQL = "COPY device_upload FROM STDIN WITH (FORMAT csv)";

    /** One row in COPY's CSV form, its line number first; an empty cell is NULL. */
    private static void appendCopyLine(StringBuilder batch, CsvReader.Row r) {
        batch.append(r.number());
        for (int i = 0; i < COLUMNS.length; i++) {
            String v = r.get(i);
            batch.append(',');
            if (!v.isEmpty()) {
                batch.append('"').append(v.replace("\"", "\"\"")).append('"');
            }
        }
        batch.append('\n');
    }

    private static boolean header(CsvReader.Row record, List<FieldProblem> problems) {
        List<String> given = new ArrayList<>();
        for (int i = 0; i < record.size(); i++) {
            given.add(record.get(i).toLowerCase());
        }
        if (!given.equals(List.of(COLUMNS))) {
            problems.add(FieldProblem.atRow(
                    1, COLUMNS[0], "The first row must be the template's header: " + TEMPLATE.strip()));
            return false;
        }
        return true;
    }

    private static boolean checkRow(CsvReader.Row r, List<FieldProblem> problems) {
        int line = r.number();
        if (r.size() != COLUMNS.length) {
            problems.add(
                    FieldProblem.atRow(line, COLUMNS[0], "Expected " + COLUMNS.length + " columns, found " + r.size()));
            return false;
        }
        int before = problems.size();
        required(line, r, 0, 100, problems);
        optional(line, r, 1, 300, problems);
        required(line, r, 2, 100, problems);
        required(line, r, 3, 64, problems);
        optional(line, r, 4, 100, problems);
        String iccid = r.get(5);
        if (!iccid.isEmpty()
                && (!iccid.chars().allMatch(c -> c >= '0' && c <= '9') || iccid.length() < 19 || iccid.length() > 20)) {
            problems.add(FieldProblem.atRow(line, COLUMNS[5], "An ICCID is 19 or 20 digits"));
        }
        return problems.size() == before;
    }

    private static void required(int line, CsvReader.Row r, int column, int max, List<FieldProblem> problems) {
        if (r.get(column).isEmpty()) {
            problems.add(FieldProblem.atRow(line, COLUMNS[column], "Required"));
        } else {
            optional(line, r, column, max, problems);
        }
    }

    private static void optional(int line, CsvReader.Row r, int column, int max, List<FieldProblem> problems) {
        String v = r.get(column);
        if (v.length() > max) {
            problems.add(FieldProblem.atRow(line, COLUMNS[column], "At most " + max + " characters"));
        } else if (hasControlCharacter(v)) {
            problems.add(FieldProblem.atRow(line, COLUMNS[column], "Contains control characters"));
        }
    }

    private static boolean hasControlCharacter(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The checks across rows and against the organisation, each reporting the rows it concerns. Those that the unique
     * indexes of {@code device} also make ({@code uniques}: serial numbers and ICCIDs repeated or taken) cost a sort
     * of every row, so a file about to be written skips them and runs them only when the writing hits one.
     */
    private void crossChecks(UUID organizationId, List<FieldProblem> problems, boolean uniques) {
        if (!uniques) {
            sims(organizationId, problems);
            return;
        }
        String repeated = """
                SELECT line, first FROM (
                    SELECT line, min(line) OVER (PARTITION BY %1$s COLLATE "C") AS first
                    FROM device_upload WHERE %1$s IS NOT NULL) d
                WHERE line <> first ORDER BY line LIMIT :room""";
        check(
                repeated.formatted("serial_number"),
                organizationId,
                problems,
                "serial_number",
                first -> "Repeats the serial number of row " + first);
        check(
                """
                SELECT u.line, 0 AS first FROM device_upload u
                JOIN device d ON d.organization_id = :org AND d.serial_number = u.serial_number
                ORDER BY u.line LIMIT :room""",
                organizationId,
                problems,
                "serial_number",
                first -> "A device with this serial number already exists");
        check(
                repeated.formatted("iccid"),
                organizationId,
                problems,
                "iccid",
                first -> "Repeats the ICCID of row " + first);
        sims(organizationId, problems);
        check("""
                SELECT u.line, 0 AS first FROM device_upload u
                JOIN device d ON d.organization_id = :org AND d.iccid = u.iccid
                ORDER BY u.line LIMIT :room""", organizationId, problems, "iccid", first -> "This SIM is already in a device");
    }

    /** An ICCID must be one of the organisation's SIMs: no index of {@code device} says so. */
    private void sims(UUID organizationId, List<FieldProblem> problems) {
        check("""
                SELECT u.line, 0 AS first FROM device_upload u
                WHERE u.iccid IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM sim_card s
                    WHERE s.organization_id = :org AND s.iccid_length = length(u.iccid) AND s.iccid = u.iccid)
                ORDER BY u.line LIMIT :room""", organizationId, problems, "iccid", first -> "No SIM of the organisation has this ICCID");
    }

    /** Runs one check (rows of {@code line, first}) and adds a problem for each row it finds, within the cap. */
    private void check(
            String sql,
            UUID organizationId,
            List<FieldProblem> problems,
            String column,
            java.util.function.IntFunction<String> message) {
        jdbc.sql(sql)
                .param("org", organizationId)
                .param("room", Math.max(0, MAX_PROBLEMS - problems.size()))
                .query((rs, n) ->
                        problems.add(FieldProblem.atRow(rs.getInt("line"), column, message.apply(rs.getInt("first")))))
                .list();
    }

    /**
     * New location names create locations (the first row's address); then the devices, a slice of the staged rows at
     * a time (a range of the table's pages, which needs no index), so that the upload's page sees the rows written
     * grow. Each slice goes in serial-number order, which walks the primary key's pages in order instead of at random
     * (byte order: the key's own order where the database sorts text by code point, as the embedded one does; a third
     * cheaper than the file's order, and a byte sort costs less than a linguistic one). Location names are compared
     * case-insensitively, but only once per distinct name as written: a file of a million rows names a few places.
     */
    private long write(Customer customer, UploadProgress progress, long rows) {
        jdbc.sql("""
                        CREATE TEMPORARY TABLE device_upload_place ON COMMIT DROP AS
                        SELECT location_name AS name, min(line) AS line, CAST(NULL AS uuid) AS location_id
                        FROM device_upload GROUP BY location_name""").update();
        jdbc.sql("ANALYZE device_upload_place").update(); // a few rows: the joins below hash them, not the upload
        jdbc.sql("""
                        INSERT INTO customer_location (id, organization_id, customer_id, name, address)
                        SELECT gen_random_uuid(), :org, :customer, u.location_name, u.location_address
                        FROM device_upload u
                        JOIN (SELECT DISTINCT ON (lower(name)) line FROM device_upload_place
                              ORDER BY lower(name), line) f USING (line)
                        WHERE NOT EXISTS (SELECT 1 FROM customer_location l
                                          WHERE l.customer_id = :customer AND lower(l.name) = lower(u.location_name))""")
                .param("org", customer.organizationId())
                .param("customer", customer.id())
                .update();
        jdbc.sql("""
                        UPDATE device_upload_place p SET location_id = l.id FROM customer_location l
                        WHERE l.customer_id = :customer AND lower(l.name) = lower(p.name)""").param("customer", customer.id()).update();
        long pages = jdbc.sql("SELECT pg_relation_size('device_upload') / current_setting('block_size')::bigint")
                .query(Long.class)
                .single();
        long pagesPerSlice = Math.max(1, pages * WRITE_SLICE / Math.max(1, rows));
        long written = 0;
        for (long from = 0; from < pages; from += pagesPerSlice) {
            written += jdbc.sql("""
                            INSERT INTO device (organization_id, customer_id, location_id, name, serial_number, model, iccid)
                            SELECT :org, :customer, p.location_id, u.device_name, u.serial_number, u.model, u.iccid
                            FROM device_upload u JOIN device_upload_place p ON p.name = u.location_name
                            WHERE u.ctid >= CAST(:from AS tid) AND u.ctid < CAST(:to AS tid)
                            ORDER BY u.serial_number COLLATE "C\"""")
                    .param("org", customer.organizationId())
                    .param("customer", customer.id())
                    .param("from", "(" + from + ",0)")
                    .param("to", "(" + (from + pagesPerSlice) + ",0)")
                    .update();
            progress.written(written);
        }
        return written;
    }

    /** PostgreSQL's COPY into {@code device_upload}, on the transaction's own connection. */
    private CopyIn copyIn() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not stage the upload", e);
        }
    }
}
