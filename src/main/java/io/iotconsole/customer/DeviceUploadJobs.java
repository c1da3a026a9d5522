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
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's device uploads run in the background, so that a million-row file does not hold a browser request
 * open: the caller is checked first, the file waits on disk, and the upload's page follows its progress (rows read
 * so far) until it is written or refused.
 */
@Service
public class DeviceUploadJobs {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceUploadJobs.class);
    private final DeviceImports imports;
    private final Customers customers;
    private final JdbcClient jdbc;
    private final TaskExecutor executor;
    private final TransactionTemplate ownTransaction;

    DeviceUploadJobs(
            DeviceImports imports,
            Customers customers,
            JdbcClient jdbc,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            PlatformTransactionManager transactions) {
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
            Instant startedAt) {
        public boolean running() {
            return status.equals("RUNNING");
        }
    }

    /** Checks the caller and the customer, then uploads {@code file} in the background (and deletes it after). */
    public UUID start(@Nullable String email, @Nullable UUID organizationId, Path file) {
        Customer customer = imports.customerForUpload(email, organizationId);
        ConsoleUser caller = CurrentUser.get();
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO upload_job (id, organization_id, customer_id, customer_label, status)"
                        + " VALUES (:id, :org, :customer, :label, 'RUNNING')")
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

    /** An upload of the caller's organisation (customer.manage). */
    public Job get(UUID id, @Nullable UUID organizationId) {
        TenantScope scope = customers.scope(Permission.CUSTOMER_MANAGE, organizationId);
        return jdbc.sql("""
                        SELECT id, organization_id, customer_id, customer_label, status, rows_read, written, problems,
                            report_id, started_at
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
                        rs.getTimestamp("started_at").toInstant()))
                .optional()
                .orElseThrow(() -> new NotFoundException("Upload"));
    }
}
