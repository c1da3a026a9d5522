package io.iotconsole.upload;

import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.CsvReader;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's uploads run in the background, so that a million-row file does not hold a browser request open: the
 * owning module checks the caller first, the file waits on disk, and the upload's page follows its progress until it
 * is written, refused or failed. Whoever opens the page (after a reload, from another device) sees the same job.
 *
 * <p>An upload runs on the instance that took the file, which records its id (made at start-up) on the job and
 * renews the job's heartbeat while it runs. An upload whose heartbeat is older than the limit was left running by an
 * instance that stopped (its transaction rolled back, so nothing was written): every instance, at start-up and then
 * periodically, marks such uploads failed, interrupted by a restart. Uploads of live instances keep running.
 */
@Service
public class UploadJobs {
    private static final Logger LOG = LoggerFactory.getLogger(UploadJobs.class);
    private static final CsvExport.Columns<FieldProblem> REPORT_COLUMNS =
            CsvExport.Columns.of(p -> new Object[] {p.row(), p.field(), p.message()}, "row", "column", "problem");

    /** How long a refused upload's report stays downloadable (and listed on its page). */
    static final Duration REPORT_KEPT = Duration.ofDays(7);

    /** What the upload's page says of an upload its instance did not finish. */
    public static final String INTERRUPTED =
            "Interrupted by a restart of the console before it finished; nothing was written. Upload the file again.";

    /** What the page says when the upload failed on the console's side. */
    public static final String BROKE = "The upload failed on our side; nothing was written. Upload the file again.";

    private final UploadJobRepository repository;
    private final TaskExecutor executor;
    private final TransactionTemplate ownTransaction;
    private final UUID instanceId = UUID.randomUUID();
    private final Duration heartbeatLimit;

    UploadJobs(
            UploadJobRepository repository,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            PlatformTransactionManager transactions,
            @Value("${console.uploads.heartbeat-limit:PT1M}") Duration heartbeatLimit) {
        this.repository = repository;
        this.executor = executor;
        this.heartbeatLimit = heartbeatLimit;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** An upload's work: reads the file through {@code progress}, reports its phases, answers how it ended. */
    @FunctionalInterface
    public interface Work {
        UploadOutcome run(UploadProgress progress) throws Exception;
    }

    /** What the job is for and the file it reads. */
    public record Upload(
            UploadKind kind, UUID organizationId, @Nullable UUID subjectId, String subjectLabel, String fileName) {}

    /**
     * Runs {@code work} on {@code file} in the background (and deletes the file after); the caller was checked by the
     * owning module. Answers the job's id.
     */
    public UUID start(Upload upload, Path file, Work work) throws IOException {
        UUID id = UUID.randomUUID();
        long size = Files.size(file);
        String name = upload.fileName().isBlank()
                ? "upload.csv"
                : upload.fileName().substring(0, Math.min(255, upload.fileName().length()));
        ownTransaction.executeWithoutResult(s -> repository.insert(
                id,
                upload.kind(),
                upload.organizationId(),
                upload.subjectId(),
                upload.subjectLabel(),
                name,
                size,
                instanceId));
        executor.execute(() -> run(id, upload, file, work));
        return id;
    }

    private void run(UUID id, Upload upload, Path file, Work work) {
        try (InputStream in = Files.newInputStream(file)) {
            UploadProgress progress = new UploadProgress(
                    in,
                    (phase, bytes, rows, problems, written, toWrite) -> ownTransaction.executeWithoutResult(
                            s -> repository.progress(id, phase, bytes, rows, problems, written, toWrite)));
            UploadOutcome outcome = work.run(progress);
            if (outcome.refused()) {
                UUID reportId = UUID.randomUUID();
                String csv = CsvExport.text(REPORT_COLUMNS, outcome.problems());
                ownTransaction.executeWithoutResult(s -> {
                    repository.keepReport(reportId, upload.organizationId(), csv, REPORT_KEPT);
                    repository.finish(
                            id,
                            UploadPhase.REFUSED,
                            outcome.rows(),
                            0,
                            outcome.problems().size(),
                            reportId,
                            null,
                            null,
                            null);
                });
            } else {
                ownTransaction.executeWithoutResult(s -> repository.finish(
                        id,
                        UploadPhase.DONE,
                        outcome.rows(),
                        outcome.written(),
                        0,
                        null,
                        outcome.resultId(),
                        outcome.summary(),
                        null));
            }
        } catch (Exception e) {
            LOG.error("{} upload {} for {} failed", upload.kind(), id, upload.subjectLabel(), e);
            ownTransaction.executeWithoutResult(
                    s -> repository.finish(id, UploadPhase.FAILED, 0, 0, 0, null, null, null, BROKE));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Could not delete {}", file, e);
            }
        }
    }

    /** Keeps this instance's running uploads alive in the eyes of the other instances. */
    @Scheduled(fixedDelayString = "${console.uploads.heartbeat-interval:PT10S}")
    public void heartbeat() {
        repository.heartbeat(instanceId);
    }

    /** At start-up, before any upload of this instance begins. */
    @EventListener(ApplicationReadyEvent.class)
    void failAbandonedAtStartUp() {
        failAbandoned();
    }

    /**
     * Marks failed the uploads left running by an instance that stopped: no heartbeat within the limit. Answers how
     * many; runs at start-up and every half minute on every instance (the update is idempotent).
     */
    @Scheduled(fixedDelayString = "${console.uploads.recovery-interval:PT30S}", initialDelayString = "PT30S")
    public int failAbandoned() {
        int failed = repository.failAbandoned(instanceId, heartbeatLimit, INTERRUPTED);
        if (failed > 0) {
            LOG.warn("{} uploads were left running by a stopped instance; marked failed", failed);
        }
        return failed;
    }

    /** An upload of this kind in {@code scope} (the owning module's permission); 404 for anyone else's. */
    public UploadJob get(UploadKind kind, TenantScope scope, UUID id) {
        return repository.find(scope, kind, id).orElseThrow(() -> new NotFoundException("Upload"));
    }

    /** The latest uploads of this kind in {@code scope}, newest first. */
    public List<UploadJob> recent(UploadKind kind, TenantScope scope, int limit) {
        return repository.recent(scope, kind, limit);
    }

    /** A refused upload's report as CSV (row, column, problem); 404 for anyone else's, or once no longer kept. */
    public String report(UploadKind kind, TenantScope scope, UUID reportId) {
        return repository.report(scope, kind, reportId, REPORT_KEPT).orElseThrow(() -> new NotFoundException("Report"));
    }

    /** The first {@code limit} problems of a refused upload, from its report (none once the report is gone). */
    public List<FieldProblem> problems(UploadJob job, TenantScope scope, int limit) {
        if (job.reportId() == null) {
            return List.of();
        }
        String csv = repository
                .report(scope, job.kind(), job.reportId(), REPORT_KEPT)
                .orElse("");
        List<FieldProblem> problems = new ArrayList<>();
        // the report as written by REPORT_COLUMNS: a header, then row, column, problem
        CsvReader.commas().read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), r -> {
            if (r.number() == 1) {
                return true;
            }
            if (problems.size() >= limit) {
                return false;
            }
            String row = r.get(0);
            problems.add(new FieldProblem(r.get(1), r.get(2), row.isEmpty() ? null : Integer.valueOf(row)));
            return true;
        });
        return problems;
    }
}
