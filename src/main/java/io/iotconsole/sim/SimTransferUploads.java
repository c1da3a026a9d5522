package io.iotconsole.sim;

import io.iotconsole.organization.Organization;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.upload.UploadJob;
import io.iotconsole.upload.UploadJobs;
import io.iotconsole.upload.UploadKind;
import io.iotconsole.upload.UploadOutcome;
import io.iotconsole.upload.UploadProgress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A SIM transfer's range file, read and checked as a background upload job: the ranges parsed and each counted as the
 * preview counts them. A valid file is kept (its ranges and counts) for the preview that its job's page shows, whose
 * confirmation is the ordinary transfer and checks everything again; the kept file goes once the transfer is done, or
 * after a day. A refused file's problems are listed on the job's page and in its report. The job is its organisation's
 * (the caller's own; the source organisation's for the operator), with the transfer's permission.
 */
@Service
public class SimTransferUploads {
    /** How long a checked file waits for its confirmation. */
    static final Duration KEPT = Duration.ofDays(1);

    private final SimTransfers transfers;
    private final SimTransferRepository repository;
    private final UploadJobs jobs;
    private final AccessPolicy access;

    SimTransferUploads(SimTransfers transfers, SimTransferRepository repository, UploadJobs jobs, AccessPolicy access) {
        this.transfers = transfers;
        this.repository = repository;
        this.jobs = jobs;
        this.access = access;
    }

    /** A checked file's preview, with the ranges text the confirmation posts. */
    public record Prepared(SimTransfers.Preview preview, String ranges, String fileName) {}

    /**
     * Checks the caller and the two organisations now (as the preview does), then reads and checks {@code file} in
     * the background (and deletes it after). Answers the job's id.
     */
    public UUID start(SimTransfers.Parties parties, Path file, String fileName) throws IOException {
        TenantScope scope = scope();
        Organization[] fromTo = transfers.resolve(parties);
        Organization from = fromTo[0];
        Organization to = fromTo[1];
        UUID owner = scope.organizationIdOrNull() == null ? from.id() : scope.organizationIdOrNull();
        return jobs.start(
                new UploadJobs.Upload(
                        UploadKind.TRANSFER,
                        owner,
                        to.id(),
                        "From " + from.name() + " (" + from.accountNumber() + ") to " + to.name() + " ("
                                + to.accountNumber() + ")",
                        fileName),
                file,
                progress -> check(owner, from, to, progress));
    }

    private UploadOutcome check(UUID owner, Organization from, Organization to, UploadProgress progress)
            throws IOException {
        byte[] file = progress.input().readAllBytes(); // at most the upload limit; the kept file needs its text
        TransferRanges.Parsed parsed = TransferRanges.fromText(new ByteArrayInputStream(file), progress::rowRead);
        String ranges = new String(file, StandardCharsets.UTF_8);
        progress.problemsFound(parsed.problems().size());
        progress.checking();
        SimTransfers.Preview preview = transfers.previewResolved(from, to, parsed);
        if (!preview.valid()) {
            return UploadOutcome.refused(progress.rows(), preview.problems());
        }
        StringBuilder counts = new StringBuilder();
        for (SimTransfers.RangeCount r : preview.ranges()) {
            counts.append(r.line())
                    .append(';')
                    .append(r.first())
                    .append(';')
                    .append(r.last())
                    .append(';')
                    .append(r.simCount())
                    .append('\n');
        }
        UUID kept = UUID.randomUUID();
        repository.keepFile(kept, owner, from.id(), to.id(), ranges, counts.toString(), KEPT);
        int n = preview.ranges().size();
        return UploadOutcome.done(
                progress.rows(),
                0,
                n + " range" + (n == 1 ? "" : "s") + " checked: " + preview.total() + " SIM"
                        + (preview.total() == 1 ? "" : "s") + " would move from " + from.name() + " to " + to.name()
                        + ". Review the preview and confirm the transfer.",
                kept);
    }

    private TenantScope scope() {
        return access.scope(Permission.ORGANISATION_SIM_TRANSFER);
    }

    public UploadJob get(UUID id) {
        return jobs.get(UploadKind.TRANSFER, scope(), id);
    }

    /** The preview a finished job prepared, once its caller is checked again; empty once it was released. */
    public Optional<Prepared> prepared(UploadJob job) {
        if (job.resultId() == null) {
            return Optional.empty();
        }
        return repository.findFile(scope(), job.resultId()).map(file -> {
            Organization[] fromTo = transfers.resolve(new SimTransfers.Parties(file.from(), file.to()));
            List<SimTransfers.RangeCount> ranges = new ArrayList<>();
            long total = 0;
            for (String line : file.counts().split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split(";");
                long sims = Long.parseLong(cells[3]);
                ranges.add(new SimTransfers.RangeCount(Integer.parseInt(cells[0]), cells[1], cells[2], sims));
                total += sims;
            }
            var preview = new SimTransfers.Preview(
                    SimTransfers.Party.of(fromTo[0]),
                    SimTransfers.Party.of(fromTo[1]),
                    ranges,
                    total,
                    List.of(),
                    false);
            return new Prepared(preview, file.ranges(), job.fileName());
        });
    }

    /** Lets go of a job's kept file once its transfer is done. */
    public void release(@Nullable UUID jobId) {
        if (jobId == null) {
            return;
        }
        try {
            UploadJob job = get(jobId);
            if (job.resultId() != null) {
                repository.releaseFile(scope(), job.resultId());
            }
        } catch (NotFoundException e) {
            // nothing kept for the caller under that job
        }
    }

    public List<FieldProblem> problems(UploadJob job, int limit) {
        return jobs.problems(job, scope(), limit);
    }

    public String report(UUID reportId) {
        return jobs.report(UploadKind.TRANSFER, scope(), reportId);
    }
}
