package io.iotconsole.sim;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.upload.UploadJob;
import io.iotconsole.upload.UploadJobs;
import io.iotconsole.upload.UploadKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The operator's stock import in the console, as a background upload job: the organisation is chosen on the page,
 * the whole file is checked as the API checks it, and the job's page lists every problem. Only the operator sees
 * these jobs.
 */
@Service
public class StockUploads {
    /** The columns of the stock file, as its template has them. */
    public static final String TEMPLATE = "iccid,imsi,msisdn\n";

    private final SimImports imports;
    private final Organizations organizations;
    private final UploadJobs jobs;
    private final AccessPolicy access;

    StockUploads(SimImports imports, Organizations organizations, UploadJobs jobs, AccessPolicy access) {
        this.imports = imports;
        this.organizations = organizations;
        this.jobs = jobs;
        this.access = access;
    }

    /** Every organisation stock may go to, by name (the operator's choice on the page). */
    public List<Organization> organizations() {
        operator();
        return organizations.visible().stream()
                .sorted(Comparator.comparing((Organization o) -> o.name().toLowerCase())
                        .thenComparing(Organization::accountNumber))
                .toList();
    }

    /** Checks the caller and the organisation, then imports {@code file} in the background (and deletes it after). */
    public UUID start(@Nullable UUID organizationId, Path file, String fileName) throws IOException {
        ConsoleUser operator = access.requireOperator("import SIM stock");
        if (organizationId == null) {
            throw InvalidInputException.of("organizationId", "Choose the organisation");
        }
        Organization org = organizations
                .find(organizationId)
                .orElseThrow(() -> InvalidInputException.of("organizationId", "Choose the organisation"));
        return jobs.start(
                new UploadJobs.Upload(
                        UploadKind.STOCK, org.id(), org.id(), org.name() + " (" + org.accountNumber() + ")", fileName),
                file,
                progress -> imports.importChecked(org.id(), progress, operator));
    }

    private TenantScope operator() {
        access.requireOperator("import SIM stock");
        return access.ownScope();
    }

    public UploadJob get(UUID id) {
        return jobs.get(UploadKind.STOCK, operator(), id);
    }

    public List<UploadJob> recent(int limit) {
        return jobs.recent(UploadKind.STOCK, operator(), limit);
    }

    public List<FieldProblem> problems(UploadJob job, int limit) {
        return jobs.problems(job, operator(), limit);
    }

    public String report(UUID reportId) {
        return jobs.report(UploadKind.STOCK, operator(), reportId);
    }
}
