package io.iotconsole.sim;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.Permission;
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

    SimTransfers(
            SimTransferRepository repository,
            SimCardRepository counts,
            Organizations organizations,
            AccessPolicy access,
            AuditLog audit,
            LongStatements longStatements) {
        this.repository = repository;
        this.counts = counts;
        this.organizations = organizations;
        this.access = access;
        this.audit = audit;
        this.longStatements = longStatements;
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

    /**
     * The organisations the caller may name as source or target: the operator any; an Owner or Admin of a top-level
     * organisation their own and its sub-organisations; of a sub-organisation their own and its parent.
     */
    @Transactional(readOnly = true)
    public List<Party> parties() {
        ConsoleUser caller = access.require(Permission.ORGANISATION_SIM_TRANSFER);
        if (caller.isOperator()) {
            return organizations.visible().stream().map(Party::of).toList();
        }
        Organization own = visible(caller, Objects.requireNonNull(caller.organizationId()));
        // A sub-organisation's users deal with their parent only, never with its other sub-organisations.
        return organizations.familyOf(own).stream()
                .filter(o -> own.parentId() == null || o.id().equals(own.id()) || o.id().equals(own.parentId()))
                .map(Party::of)
                .toList();
    }

    private Preview preview(Parties parties, TransferRanges.Parsed parsed) {
        longStatements.allowInThisTransaction();
        Organization[] fromTo = resolve(parties);
        Organization from = fromTo[0];
        return count(from, fromTo[1], parsed, ranges -> repository.countPerRange(List.of(from.id()), ranges));
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
                        ? ranges -> repository.move(from.id(), to.id(), ranges)
                        : ranges -> repository.countPerRange(List.of(from.id()), ranges));
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
        return new Preview(result.from(), result.to(), result.ranges(), result.total(), List.of(), true);
    }

    /**
     * Counts per range: the SIMs of other organisations of the family that a range crosses (first, before anything
     * moves), then the source's own SIMs by {@code ownCounts}, which counts them or moves them.
     */
    private Preview count(
            Organization from,
            Organization to,
            TransferRanges.Parsed parsed,
            Function<List<TransferRanges.Range>, Map<Integer, Long>> ownCounts) {
        List<FieldProblem> problems = new ArrayList<>(parsed.problems());
        List<UUID> others = organizations.familyOf(from).stream()
                .map(Organization::id)
                .filter(id -> !id.equals(from.id()))
                .toList();
        Map<Integer, Long> crossing = repository.countPerRange(others, parsed.ranges());
        Map<Integer, Long> own = ownCounts.apply(parsed.ranges());
        List<RangeCount> counts = new ArrayList<>();
        for (TransferRanges.Range r : parsed.ranges()) {
            long sims = own.getOrDefault(r.line(), 0L);
            long foreign = crossing.getOrDefault(r.line(), 0L);
            counts.add(new RangeCount(r.line(), r.first(), r.last(), sims));
            if (foreign > 0) {
                problems.add(parsed.problem(
                        r,
                        "The range crosses " + foreign + " SIM" + (foreign == 1 ? "" : "s") + " that " + from.name()
                                + " does not own"));
            } else if (sims == 0) {
                problems.add(parsed.problem(r, from.name() + " owns no SIM in this range"));
            }
        }
        problems.sort(Comparator.comparingInt(p -> p.row() == null ? 0 : p.row()));
        long total = counts.stream().mapToLong(RangeCount::simCount).sum();
        return new Preview(Party.of(from), Party.of(to), counts, total, problems, false);
    }

    /** The two organisations, checked: both visible to the caller, one the other's parent. */
    private Organization[] resolve(Parties parties) {
        ConsoleUser caller = access.require(Permission.ORGANISATION_SIM_TRANSFER);
        if (parties.toOrganizationId() == null) {
            throw InvalidInputException.of("toOrganizationId", "Choose the organisation the SIMs go to");
        }
        Organization to = visible(caller, parties.toOrganizationId());
        UUID fromId = parties.fromOrganizationId();
        if (fromId == null) {
            fromId = caller.isOperator() ? to.parentId() : caller.organizationId();
        }
        if (fromId == null || fromId.equals(to.id())) {
            throw InvalidInputException.of(
                    "fromOrganizationId", "Choose the organisation the SIMs come from; it must differ from the target");
        }
        Organization from = visible(caller, fromId);
        boolean parentAndSub = Objects.equals(from.parentId(), to.id()) || Objects.equals(to.parentId(), from.id());
        if (!parentAndSub) {
            throw InvalidInputException.of(
                    "toOrganizationId",
                    "SIMs move between an organisation and its own sub-organisations only, never from one"
                            + " sub-organisation to another");
        }
        if (!caller.isOperator()
                && !Objects.equals(caller.organizationId(), from.id())
                && !Objects.equals(caller.organizationId(), to.id())) {
            throw new NotFoundException("Organisation");
        }
        return new Organization[] {from, to};
    }

    /**
     * An organisation of the caller's family (for a sub-organisation's user: their own and its parent, to give SIMs
     * back); anything else does not exist for them.
     */
    private Organization visible(ConsoleUser caller, UUID id) {
        Organization org = organizations.find(id).orElseThrow(() -> new NotFoundException("Organisation"));
        if (caller.isOperator()) {
            return org;
        }
        UUID own = Objects.requireNonNull(caller.organizationId());
        boolean family = org.id().equals(own)
                || own.equals(org.parentId())
                || organizations
                        .find(own)
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
