package io.iotconsole.sim;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.shared.CsvReader;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.LongStatements;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.upload.UploadOutcome;
import io.iotconsole.upload.UploadProgress;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform operator's stock import: a CSV of {@code iccid,imsi,msisdn} (the header line optional) into one
 * organisation. The whole file is checked first and every problem reported by row and column; one bad row rejects
 * the file and nothing is written.
 */
@Service
public class SimImports {
    static final int MAX_PROBLEMS = 1000;
    private static final int WRITE_SLICE = 5_000;
    private static final String[] COLUMNS = {"iccid", "imsi", "msisdn"};
    private final SimCardRepository repository;
    private final Organizations organizations;
    private final AuditLog audit;
    private final AccessPolicy access;
    private final LongStatements longStatements;

    SimImports(
            SimCardRepository repository,
            Organizations organizations,
            AuditLog audit,
            AccessPolicy access,
            LongStatements longStatements) {
        this.access = access;
        this.repository = repository;
        this.organizations = organizations;
        this.audit = audit;
        this.longStatements = longStatements;
    }

    record Row(int line, String iccid, String imsi, String msisdn) {}

    /** What an import wrote: how many SIMs, and the lowest and highest ICCID among them. */
    public record Imported(int count, String firstIccid, String lastIccid) {}

    /** Operator only. Answers how many SIMs were imported. */
    @Transactional
    public int importCsv(UUID organizationId, InputStream csv) {
        return importStock(organizationId, csv, null).count();
    }

    /** Operator only: the stock that fulfils an order, which must be exactly {@code quantity} SIMs. */
    @Transactional
    public Imported importForOrder(UUID organizationId, InputStream csv, int quantity) {
        return importStock(organizationId, csv, quantity);
    }

    private Imported importStock(UUID organizationId, InputStream csv, @Nullable Integer quantity) {
        access.requireOperator("import SIM stock");
        longStatements.allowInThisTransaction();
        Organization org = organizations.find(organizationId).orElseThrow(() -> new NotFoundException("Organisation"));
        UploadProgress progress = UploadProgress.untracked(csv);
        List<Row> rows = checked(progress, quantity);
        write(org, rows, progress);
        audit.record(AuditRecord.success(org.id(), "SIMS_IMPORTED", "ORGANIZATION", org.id(), org.name())
                .withDetail(rows.size() + " SIMs"));
        Comparator<String> iccidOrder = Comparator.comparingInt(String::length).thenComparing(c -> c);
        List<String> iccids = rows.stream().map(Row::iccid).sorted(iccidOrder).toList();
        return new Imported(rows.size(), iccids.get(0), iccids.get(iccids.size() - 1));
    }

    /**
     * The console's stock import, whose caller (the operator, {@code actor}) was checked when it started: the same
     * whole-file check as the API's, every problem listed; nothing is written unless every row is right.
     */
    @Transactional
    UploadOutcome importChecked(UUID organizationId, UploadProgress progress, ConsoleUser actor) {
        longStatements.allowInThisTransaction();
        Organization org = organizations.find(organizationId).orElseThrow(() -> new NotFoundException("Organisation"));
        List<Row> rows;
        try {
            rows = checked(progress, null);
        } catch (InvalidInputException e) {
            return UploadOutcome.refused(progress.rows(), e.problems());
        }
        write(org, rows, progress);
        audit.record(AuditRecord.success(org.id(), "SIMS_IMPORTED", "ORGANIZATION", org.id(), org.name())
                .withDetail(rows.size() + " SIMs")
                .byActor(actor.id(), actor.auditLabel()));
        return UploadOutcome.done(
                rows.size(),
                rows.size(),
                rows.size() + " SIM" + (rows.size() == 1 ? "" : "s") + " imported into " + org.name() + ".");
    }

    /** Reads and checks the whole file: its rows, or every problem (up to the cap) as one invalid input. */
    private List<Row> checked(UploadProgress progress, @Nullable Integer quantity) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Row> rows = parse(progress, problems);
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add(FieldProblem.atRow(1, "iccid", "The file has no SIMs"));
        } else if (quantity != null && problems.isEmpty() && rows.size() != quantity) {
            problems.add(FieldProblem.atRow(
                    1, "iccid", "The file has " + rows.size() + " SIMs; the order is for " + quantity));
        }
        progress.problemsFound(problems.size());
        progress.checking();
        for (String known : repository.existingIccids(rows.stream()
                .map(Row::iccid)
                .filter(iccid -> Iccids.problemWith(iccid).isEmpty()) // only digits reach the query
                .toList())) {
            rows.stream()
                    .filter(r -> r.iccid().equals(known))
                    .findFirst()
                    .ifPresent(r -> problems.add(
                            FieldProblem.atRow(r.line(), "iccid", "ICCID " + known + " is already known")));
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(p -> p.row() == null ? 0 : p.row()));
            throw new InvalidInputException(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
        }
        return rows;
    }

    /** Writes the checked rows a slice at a time, so that an upload's page sees the SIMs written grow. */
    private void write(Organization org, List<Row> rows, UploadProgress progress) {
        progress.writing(rows.size());
        for (int from = 0; from < rows.size(); from += WRITE_SLICE) {
            int to = Math.min(rows.size(), from + WRITE_SLICE);
            repository.insertAll(org.id(), rows.subList(from, to));
            progress.written(to);
        }
    }

    private static List<Row> parse(UploadProgress progress, List<FieldProblem> problems) {
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try {
            CsvReader.commas().read(progress.input(), record -> {
                int line = record.number();
                if (rows.isEmpty() && problems.isEmpty() && "iccid".equalsIgnoreCase(record.get(0))) {
                    return true; // the optional header line
                }
                progress.rowRead();
                if (record.size() != 3) {
                    problems.add(FieldProblem.atRow(
                            line, "iccid", "Expected 3 columns (iccid,imsi,msisdn), found " + record.size()));
                    return true;
                }
                Row row = new Row(line, record.get(0), record.get(1), record.get(2));
                Iccids.problemWith(row.iccid())
                        .ifPresent(p -> problems.add(FieldProblem.atRow(row.line(), "iccid", p)));
                digits(row.line(), COLUMNS[1], row.imsi(), 6, 15, problems);
                digits(row.line(), COLUMNS[2], row.msisdn(), 6, 15, problems);
                Integer earlier = seen.putIfAbsent(row.iccid(), row.line());
                if (earlier != null) {
                    problems.add(FieldProblem.atRow(row.line(), "iccid", "ICCID repeats row " + earlier));
                }
                rows.add(row);
                progress.problemsFound(problems.size());
                return problems.size() < MAX_PROBLEMS;
            });
        } catch (CsvReader.UnreadableException e) {
            problems.add(FieldProblem.atRow(e.row(), "iccid", e.getMessage()));
        }
        return rows;
    }

    private static void digits(int line, String column, String value, int min, int max, List<FieldProblem> problems) {
        if (value.isEmpty()) {
            problems.add(FieldProblem.atRow(line, column, column.toUpperCase() + " is missing"));
        } else if (!value.chars().allMatch(c -> c >= '0' && c <= '9') || value.length() < min || value.length() > max) {
            problems.add(FieldProblem.atRow(
                    line, column, column.toUpperCase() + " must be " + min + " to " + max + " digits"));
        }
    }
}
