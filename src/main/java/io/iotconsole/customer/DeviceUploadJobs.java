package io.iotconsole.customer;

import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.NotFoundException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's device uploads run in the background, so that a million-row file does not hold a browser request
 * open: the caller is checked first, the file waits on disk, and the upload's page follows its progress (rows read
 * so far) until it is written or refused.
 *
 * <p>An upload runs on the instance that took the file, which records its id (made at start-up) on the job and
 * renews the job's heartbeat while it runs. An upload whose heartbeat is older than the limit was left running by an
 * instance that stopped (its transaction rolled back, so nothing was written): every instance, at start-up and
 * then periodically, marks such uploads failed, interrupted by a restart. Uploads of live instances keep running.
 */
@Service
public class DeviceUploadJobs {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceUploadJobs.class);
    private final DeviceImports imports;
    private final Customers customers;
    private final JdbcClient jdbc;
    private final TaskExecutor executor;
    private final TransactionTemplate ownTransaction;
    private final UUID instanceId = UUID.randomUUID();
    private final Duration heartbeatLimit;

    DeviceUploadJobs(
            DeviceImports imports,
            Customers customers,
            JdbcClient jdbc,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            PlatformTransactionManager transactions,
            @Value("${console.uploads.heartbeat-limit:PT1M}") Duration heartbeatLimit) {
        this.heartbeatLimit = heartbeatLimit;
        this.imports = imports;
        this.customers = customers;
        this.jdbc = jdbc;
        this.executor = executor;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public record Job(
            UUID id,
            UUID organizationId,
            UUID customerId,
            String customerLabel,
            String status,
            long rowsRead,
            long written,
            int problems,
            @Nullable UUID reportId,
            Instant startedAt,
            @Nullable String failure) {
        public boolean running() {
            return status.equals("RUNNING");
        }
    }

    /** Checks the caller and the customer, then uploads {@code file} in the background (and deletes it after). */
    public UUID start(@Nullable String email, @Nullable UUID organizationId, Path file) {
        Customer customer = imports.customerForUpload(email, organizationId);
        ConsoleUser caller = CurrentUser.get();
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO upload_job (id, organization_id, customer_id, customer_label, status, instance_id)"
                        + " VALUES (:id, :org, :customer, :label, 'RUNNING', :instance)")
                .param("instance", instanceId)
                .param("id", id)
                .param("org", customer.organizationId())
                .param("customer", customer.id())
                .param("label", customer.auditLabel())
                .update();
        executor.execute(() -> run(id, customer, file, caller));
        return id;
    }

    private void run(UUID id, Customer customer, Path file, ConsoleUser actor) {
        try (InputStream csv = Files.newInputStream(file)) {
            DeviceImports.Report report = imports.uploadChecked(customer, csv, rows -> progress(id, rows), actor);
            UUID reportId = report.valid() ? null : imports.keepReport(report);
            finish(
                    id,
                    report.valid() ? "DONE" : "REFUSED",
                    report.rows(),
                    report.written(),
                    report.problems().size(),
                    reportId);
        } catch (Exception e) {
            LOG.error("Device upload {} for {} failed", id, customer.auditLabel(), e);
            finish(id, "FAILED", 0, 0, 0, null);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                LOG.warn("Could not delete {}", file, e);
            }
        }
    }

    /** Written in a transaction of its own, so the page sees it while the upload's transaction is still open. */
    private void progress(UUID id, long rows) {
        ownTransaction.executeWithoutResult(s -> jdbc.sql("UPDATE upload_job SET rows_read = :rows WHERE id = :id")
                .param("rows", rows)
                .param("id", id)
                .update());
    }

    private void finish(UUID id, String status, long rows, long written, int problems, @Nullable UUID reportId) {
        ownTransaction.executeWithoutResult(s -> jdbc.sql("""
                        UPDATE upload_job SET status = :status, rows_read = :rows, written = :written,
                            problems = :problems, report_id = :report, finished_at = :now WHERE id = :id""")
                .param("status", status)
                .param("rows", rows)
                .param("written", written)
                .param("problems", problems)
                .param("report", reportId)
                .param("now", Timestamp.from(Instant.now()))
                .param("id", id)
                .update());
    }

    /** Keeps this instance's running uploads alive in the eyes of the other instances. */
    @Scheduled(fixedDelayString = "${console.uploads.heartbeat-interval:PT10S}")
    void heartbeat() {
        jdbc.sql("UPDATE upload_job SET heartbeat_at = now() WHERE instance_id = :instance AND status = 'RUNNING'")
                .param("instance", instanceId)
                .update();
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
        int failed = jdbc.sql("""
                        UPDATE upload_job SET status = 'FAILED', failure = :failure, finished_at = now()
                        WHERE status = 'RUNNING' AND heartbeat_at < now() - :limit * interval '1 millisecond'
                          AND instance_id IS DISTINCT FROM :instance""")
                .param("failure", INTERRUPTED)
                .param("limit", heartbeatLimit.toMillis())
                .param("instance", instanceId)
                .update();
        if (failed > 0) {
            LOG.warn("{} device uploads were left running by a stopped instance; marked failed", failed);
        }
        return failed;
    }

    /** What the upload's page says of an upload its instance did not finish. */
    public static final String INTERRUPTED =
            "Interrupted by a restart of the console before it finished; nothing was written. Upload the file again.";

    /** An upload of the caller's organisation (customer.manage). */
    public Job get(UUID id, @Nullable UUID organizationId) {
        TenantScope scope = customers.scope(Permission.CUSTOMER_MANAGE, organizationId);
        return jdbc.sql("""
                        SELECT id, organization_id, customer_id, customer_label, status, rows_read, written, problems,
                            report_id, started_at, failure
                        FROM upload_job WHERE id = :id AND\s""" + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", id)
                .query((rs, n) -> new Job(
                        rs.getObject("id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getObject("customer_id", UUID.class),
                        rs.getString("customer_label"),
                        rs.getString("status"),
                        rs.getLong("rows_read"),
                        rs.getLong("written"),
                        rs.getInt("problems"),
                        rs.getObject("report_id", UUID.class),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getString("failure")))
                .optional()
                .orElseThrow(() -> new NotFoundException("Upload"));
    }
}
