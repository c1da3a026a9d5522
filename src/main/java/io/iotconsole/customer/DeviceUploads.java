package io.iotconsole.customer;

import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.upload.UploadJob;
import io.iotconsole.upload.UploadJobs;
import io.iotconsole.upload.UploadKind;
import io.iotconsole.upload.UploadOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The console's device uploads, as background upload jobs: the caller and the customer are checked first, then the
 * file is checked and written while its page follows it. An organisation's uploads are seen by its users who may
 * manage customers (and the operator); another organisation's are not found.
 */
@Service
public class DeviceUploads {
    private final DeviceImports imports;
    private final Customers customers;
    private final UploadJobs jobs;

    DeviceUploads(DeviceImports imports, Customers customers, UploadJobs jobs) {
        this.imports = imports;
        this.customers = customers;
        this.jobs = jobs;
    }

    /** Checks the caller and the customer, then uploads {@code file} in the background (and deletes it after). */
    public UUID start(@Nullable String email, @Nullable UUID organizationId, Path file, String fileName)
            throws IOException {
        Customer customer = imports.customerForUpload(email, organizationId);
        ConsoleUser caller = CurrentUser.get();
        return jobs.start(
                new UploadJobs.Upload(
                        UploadKind.DEVICES, customer.organizationId(), customer.id(), customer.auditLabel(), fileName),
                file,
                progress -> {
                    DeviceImports.Report report = imports.uploadChecked(customer, progress, caller);
                    return report.valid()
                            ? UploadOutcome.done(
                                    report.rows(),
                                    report.written(),
                                    report.written() + " devices written from " + report.rows() + " rows.")
                            : UploadOutcome.refused(report.rows(), report.problems());
                });
    }

    private TenantScope scope(@Nullable UUID organizationId) {
        return customers.scope(Permission.CUSTOMER_MANAGE, organizationId);
    }

    /** An upload of the caller's organisation (customer.manage). */
    public UploadJob get(UUID id, @Nullable UUID organizationId) {
        return jobs.get(UploadKind.DEVICES, scope(organizationId), id);
    }

    /** The latest uploads of the caller's organisation (the operator's: of every one, or of the one named). */
    public List<UploadJob> recent(@Nullable UUID organizationId, int limit) {
        return jobs.recent(UploadKind.DEVICES, scope(organizationId), limit);
    }

    public List<FieldProblem> problems(UploadJob job, @Nullable UUID organizationId, int limit) {
        return jobs.problems(job, scope(organizationId), limit);
    }

    public String report(UUID reportId, @Nullable UUID organizationId) {
        return jobs.report(UploadKind.DEVICES, scope(organizationId), reportId);
    }
}
