package io.iotconsole.sim;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.ForbiddenException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.LongStatements;
import io.iotconsole.shared.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SIM transfers between an organisation and one of its sub-organisations, either way (never between two
 * sub-organisations): previewed first, then applied all-or-nothing. Transfers in one family run one at a time, so two
 * racing over the same SIMs cannot both take them.
 */
@Service
public class SimTransfers {
    private final SimTransferRepository repository;
    private final SimCardRepository counts;
    private final Organizations organizations;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final LongStatements longStatements;
    private final ApplicationEventPublisher events;

    SimTransfers(
            SimTransferRepository repository,
            SimCardRepository counts,
            Organizations organizations,
            AccessPolicy access,
            AuditLog audit,
            LongStatements longStatements,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.counts = counts;
        this.organizations = organizations;
        this.access = access;
        this.audit = audit;
        this.longStatements = longStatements;
        this.events = events;
    }

    /** Who the SIMs come from and go to; {@code from} may be left out when it is the caller's organisation. */
    public record Parties(
            @Nullable UUID fromOrganizationId, @Nullable UUID toOrganizationId) {}

    public record Party(UUID id, String name, String accountNumber) {
        static Party of(Organization o) {
            return new Party(o.id(), o.name(), o.accountNumber());
        }
    }

    public record RangeCount(int line, String first, String last, long simCount) {}

    /** The preview (or, once applied, the result): SIMs per range, every problem by line, and the total. */
    public record Preview(
            Party from,
            Party to,
            List<RangeCount> ranges,
            long total,
            List<FieldProblem> problems,
            boolean transferred) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** The ranges as text: an uploaded file's bytes or what was typed, {@code FIRST;LAST} a line. */
    @Transactional(readOnly = true)
    public Preview previewText(Parties parties, byte[] text) {
        return preview(parties, TransferRanges.fromText(text));
    }

    @Transactional(readOnly = true)
    public Preview previewJson(Parties parties, @Nullable List<TransferRanges.JsonRange> ranges) {
        return preview(parties, TransferRanges.fromJson(ranges));
    }

    @Transactional
    public Preview applyText(Parties parties, byte[] text) {
        return apply(parties, TransferRanges.fromText(text));
    }

    @Transactional
    public Preview applyJson(Parties parties, @Nullable List<TransferRanges.JsonRange> ranges) {
        return apply(parties, TransferRanges.fromJson(ranges));
    }

    /** The organisations the caller may take SIMs from and give them to, and which to offer first. */
    public record Choices(
            List<Party> sources,
            List<Party> targets,
            @Nullable UUID preselectedSource) {}

    /**
     * The operator: any organisation either way. The parent's users: their own organisation and its
     * sub-organisations, either way. A sub-organisation's users: their own SIMs, to their parent only.
     */
    @Transactional(readOnly = true)
    public Choices choices() {
        TenantScope scope = access.scope(Permission.ORGANISATION_SIM_TRANSFER);
        UUID own = scope.organizationIdOrNull();
        if (own == null) {
            List<Party> all = organizations.visible().stream().map(Party::of).toList();
            return new Choices(all, all, null);
        }
        Organization org = organizations.find(own).orElseThrow(() -> new NotFoundException("Organisation"));
        if (org.parentId() != null) {
            Organization parent = organizations.find(org.parentId()).orElseThrow();
            return new Choices(List.of(Party.of(org)), List.of(Party.of(parent)), own);
        }
        List<Party> family = organizations.familyOf(org).stream().map(Party::of).toList();
        return new Choices(family, family, own);
    }

    /**
     * Counts the ranges of a file already read, for parties {@link #resolve resolved} when its job started: the job
     * runs without the caller, and only prepares the preview (the transfer checks everything again).
     */
    @Transactional(readOnly = true)
    Preview previewResolved(Organization from, Organization to, TransferRanges.Parsed parsed) {
        longStatements.allowInThisTransaction();
        return count(from, to, parsed, ranges -> repository.countPerRange(TenantScope.internal(from.id()), ranges));
    }

    private Preview preview(Parties parties, TransferRanges.Parsed parsed) {
        longStatements.allowInThisTransaction();
        Organization[] fromTo = resolve(parties);
        Organization from = fromTo[0];
        return count(
                from, fromTo[1], parsed, ranges -> repository.countPerRange(TenantScope.internal(from.id()), ranges));
    }

    /**
     * Moves the SIMs and counts them per range in one pass, after the family lock is taken; any problem rolls the
     * move back with the transaction. A file with problems of its own is only counted, never moved.
     */
    private Preview apply(Parties parties, TransferRanges.Parsed parsed) {
        longStatements.allowInThisTransaction();
        Organization[] fromTo = resolve(parties);
        Organization from = fromTo[0];
        Organization to = fromTo[1];
        organizations.lockFamily(from);
        Preview result = count(
                from,
                to,
                parsed,
                parsed.problems().isEmpty()
                        ? ranges -> repository.move(TenantScope.internal(from.id()), to.id(), ranges)
                        : ranges -> repository.countPerRange(TenantScope.internal(from.id()), ranges));
        if (!result.valid()) {
            throw new InvalidInputException(result.problems());
        }
        counts.addToCount(from.id(), -result.total());
        counts.addToCount(to.id(), result.total());
        String detail = describe(result);
        audit.record(AuditRecord.success(from.id(), "SIMS_TRANSFERRED_OUT", "ORGANIZATION", to.id(), to.name())
                .withDetail(detail));
        audit.record(AuditRecord.success(to.id(), "SIMS_TRANSFERRED_IN", "ORGANIZATION", from.id(), from.name())
                .withDetail(detail));
        events.publishEvent(new SimsTransferred(
                from.id(),
                to.id(),
                to.name(),
                parsed.ranges().stream()
                        .map(r -> new SimsTransferred.Range(r.first(), r.last()))
                        .toList()));
        return new Preview(result.from(), result.to(), result.ranges(), result.total(), List.of(), true);
    }

    /**
     * Counts per range the source's own SIMs by {@code ownCounts}, which counts them or moves them. SIMs of any other
     * organisation between FIRST and LAST are neither moved, counted nor mentioned.
     */
    private Preview count(
            Organization from,
            Organization to,
            TransferRanges.Parsed parsed,
            Function<List<TransferRanges.Range>, Map<Integer, Long>> ownCounts) {
        List<FieldProblem> problems = new ArrayList<>(parsed.problems());
        Map<Integer, Long> own = ownCounts.apply(parsed.ranges());
        List<RangeCount> counts = new ArrayList<>();
        for (TransferRanges.Range r : parsed.ranges()) {
            long sims = own.getOrDefault(r.line(), 0L);
            counts.add(new RangeCount(r.line(), r.first(), r.last(), sims));
            if (sims == 0) {
                problems.add(parsed.problem(r, from.name() + " owns no SIM in this range"));
            }
        }
        problems.sort(Comparator.comparingInt(p -> p.row() == null ? 0 : p.row()));
        long total = counts.stream().mapToLong(RangeCount::simCount).sum();
        return new Preview(Party.of(from), Party.of(to), counts, total, problems, false);
    }

    /**
     * The two organisations, checked: both in the caller's view (404 else), one the other's parent (400 else), and
     * the caller allowed to move SIMs that way (403 else): the operator and the parent's users either way, a
     * sub-organisation's users from their own organisation to its parent only.
     */
    Organization[] resolve(Parties parties) {
        TenantScope scope = access.scope(Permission.ORGANISATION_SIM_TRANSFER);
        if (parties.toOrganizationId() == null) {
            throw InvalidInputException.of("toOrganizationId", "Choose the organisation the SIMs go to");
        }
        Organization to = visible(scope, parties.toOrganizationId());
        UUID fromId = parties.fromOrganizationId();
        if (fromId == null) {
            fromId = scope.coversEveryOrganization() ? to.parentId() : scope.organizationIdOrNull();
        }
        if (fromId == null || fromId.equals(to.id())) {
            throw InvalidInputException.of(
                    "fromOrganizationId", "Choose the organisation the SIMs come from; it must differ from the target");
        }
        Organization from = visible(scope, fromId);
        boolean parentAndSub = Objects.equals(from.parentId(), to.id()) || Objects.equals(to.parentId(), from.id());
        if (!parentAndSub) {
            throw InvalidInputException.of(
                    "toOrganizationId",
                    "SIMs move between an organisation and its own sub-organisations only, never from one"
                            + " sub-organisation to another");
        }
        UUID parent = from.parentId() == null ? from.id() : to.id();
        boolean givesOwnBack = scope.includes(from.id()) && to.id().equals(from.parentId());
        if (!scope.includes(parent) && !givesOwnBack) {
            throw new ForbiddenException(
                    "A sub-organisation may give its own SIMs back to its parent, never take the parent's");
        }
        return new Organization[] {from, to};
    }

    /**
     * An organisation in the caller's view: their own, its sub-organisations and its parent (never a sibling
     * sub-organisation); anything else does not exist for them.
     */
    private Organization visible(TenantScope scope, UUID id) {
        Organization org = organizations.find(id).orElseThrow(() -> new NotFoundException("Organisation"));
        boolean family = scope.includes(org.id())
                || scope.includes(org.parentId())
                || organizations
                        .find(Objects.requireNonNull(scope.organizationIdOrNull()))
                        .map(o -> org.id().equals(o.parentId()))
                        .orElse(false);
        if (!family) {
            throw new NotFoundException("Organisation");
        }
        return org;
    }

    private static String describe(Preview p) {
        String ranges = p.ranges().stream()
                .map(r -> r.first().equals(r.last()) ? r.first() : r.first() + "-" + r.last())
                .limit(10)
                .collect(Collectors.joining(", "));
        String detail =
                p.total() + " SIMs from " + p.from().name() + " (" + p.from().accountNumber() + ") to "
                        + p.to().name() + " (" + p.to().accountNumber() + ") in "
                        + p.ranges().size() + " range"
                        + (p.ranges().size() == 1 ? "" : "s") + ": " + ranges
                        + (p.ranges().size() > 10 ? ", ..." : "");
        return detail.length() > 1000 ? detail.substring(0, 997) + "..." : detail;
    }
}
