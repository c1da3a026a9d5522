package io.iotconsole.sim;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditOutcome;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.shared.TextFields;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Actions on one SIM, each with its own permission (a Group user's only on the SIMs of their groups), checked as a
 * whole, carried out through the {@link Network} in one request and audited with the network's answer; a refusal
 * (invalid input, or the network's) writes nothing but the audit entry.
 */
@Service
public class SimActions {
    private final SimCards sims;
    private final SimCardRepository repository;
    private final Network network;
    private final AccessPolicy access;
    private final AuditLog audit;

    SimActions(SimCards sims, SimCardRepository repository, Network network, AccessPolicy access, AuditLog audit) {
        this.sims = sims;
        this.repository = repository;
        this.network = network;
        this.access = access;
        this.audit = audit;
    }

    /**
     * Applies the given changes; answers the SIM as it is afterwards. The whole change is checked first (every
     * field's permission, then every field's value, all problems at once), then the network is asked once; only
     * when it accepts is anything written. A refusal (invalid input, or the network's) is audited as a failure.
     */
    @Transactional
    public SimCard change(String iccid, SimChanges in) {
        SimCard sim = load(Permission.SIM_VIEW, iccid, in.organizationId());
        boolean grouping = in.groupId() != null || Boolean.TRUE.equals(in.ungroup());
        if (in.state() != null || in.label() != null) {
            // A label is the SIM's name in the console, edited by those who may change the SIM's state.
            load(Permission.SIM_STATE, iccid, in.organizationId());
        }
        if (in.imeiLock() != null || in.imei() != null) {
            load(Permission.SIM_IMEI_LOCK, iccid, in.organizationId());
        }
        if (in.monthlyLimitMb() != null) {
            load(Permission.SIM_MONTHLY_LIMIT, iccid, in.organizationId());
        }
        if (in.autoTopUpMb() != null) {
            load(Permission.SIM_TOP_UP, iccid, in.organizationId());
        }
        if (grouping) {
            access.require(Permission.GROUP_MANAGE);
        }

        List<FieldProblem> problems = new ArrayList<>();
        SimState state = null;
        if (in.state() != null) {
            state = new SimFilter(null, null, null, null, in.state(), null, null, null).stateOrNull();
            if (state == null) {
                problems.add(new FieldProblem("state", "One of ACTIVE, DEACTIVATED, SUSPENDED"));
            }
        }
        String imei = in.imei() == null ? null : in.imei().strip();
        if (imei != null) {
            if (!Boolean.TRUE.equals(in.imeiLock())) {
                problems.add(new FieldProblem(
                        "imei", "Goes with the IMEI lock (imeiLock: true): the device the SIM is locked to"));
            } else if (!imei.matches("[0-9]{15}") || !Iccids.luhnValid(imei)) {
                problems.add(new FieldProblem("imei", "15 digits, the last one the check digit"));
            }
        }
        if (in.monthlyLimitMb() != null && (in.monthlyLimitMb() < 0 || in.monthlyLimitMb() > 10_000_000)) {
            problems.add(new FieldProblem("monthlyLimitMb", "0 (no limit) to 10000000 MB"));
        }
        if (in.autoTopUpMb() != null && (in.autoTopUpMb() < 0 || in.autoTopUpMb() > 1_000_000)) {
            problems.add(new FieldProblem("autoTopUpMb", "0 (off) to 1000000 MB"));
        }
        String label = in.label() == null ? null : in.label().strip();
        if (label != null && (label.length() > 100 || label.chars().anyMatch(Character::isISOControl))) {
            problems.add(new FieldProblem("label", "At most 100 characters, no control characters"));
        }
        UUID group = Boolean.TRUE.equals(in.ungroup()) ? null : in.groupId();
        if (in.groupId() != null && Boolean.TRUE.equals(in.ungroup())) {
            problems.add(new FieldProblem("groupId", "Give groupId or ungroup: true, not both"));
        } else if (group != null
                && repository
                        .group(TenantScope.internal(sim.organizationId()), group)
                        .isEmpty()) {
            problems.add(new FieldProblem("groupId", "No such group in this organisation"));
        }
        Network.Change atNetwork =
                new Network.Change(state, in.imeiLock(), imei, in.monthlyLimitMb(), in.autoTopUpMb());
        if (problems.isEmpty() && atNetwork.isEmpty() && label == null && !grouping) {
            problems.add(new FieldProblem(
                    "state", "Nothing to change: give state, imeiLock, label, monthlyLimitMb, autoTopUpMb or groupId"));
        }
        if (!problems.isEmpty()) {
            throw refused(sim, "SIM_CHANGED", new InvalidInputException(problems));
        }

        // writes go through the scope of sim.view: each field's own permission was checked above
        TenantScope scope = sims.scope(Permission.SIM_VIEW, in.organizationId());
        List<String> answers = new ArrayList<>();
        if (!atNetwork.isEmpty()) {
            answers.add(accepted(sim, "SIM_CHANGED", network.change(sim.organizationId(), iccid, atNetwork)));
            if (state != null) {
                repository.set(scope, sim, "state", state.name());
            }
            if (in.imeiLock() != null) {
                repository.set(scope, sim, "imei_lock", in.imeiLock());
            }
            if (imei != null) {
                repository.set(scope, sim, "imei", imei);
            }
            if (in.monthlyLimitMb() != null) {
                repository.set(scope, sim, "monthly_limit_mb", in.monthlyLimitMb() == 0 ? null : in.monthlyLimitMb());
            }
            if (in.autoTopUpMb() != null) {
                repository.set(scope, sim, "auto_top_up_mb", in.autoTopUpMb() == 0 ? null : in.autoTopUpMb());
            }
        }
        if (label != null) {
            repository.set(scope, sim, "label", label.isEmpty() ? null : label);
            answers.add("Label " + (label.isEmpty() ? "cleared" : "set"));
        }
        if (grouping) {
            repository.set(scope, sim, "group_id", group);
            answers.add(group == null ? "Removed from its group" : "Moved to group " + group);
        }
        audit.record(AuditRecord.success(sim.organizationId(), "SIM_CHANGED", "SIM", iccid, iccid)
                .withDetail(String.join("; ", answers)));
        if (state != null && state != sim.state()) {
            // its own entry, so that a state change is told apart from the other changes (webhooks announce it)
            audit.record(AuditRecord.success(sim.organizationId(), "SIM_STATE_CHANGED", "SIM", iccid, iccid)
                    .withDetail(sim.state().name() + " to " + state.name()));
        }
        return load(Permission.SIM_VIEW, iccid, in.organizationId());
    }

    /**
     * The console's edit form: the label, and the IMEI lock with the IMEI it binds to ({@code imeiLock} null when the
     * form had no such fields). Only what differs from the SIM now is changed, so saving a label does not ask the
     * network to lock the SIM again. Answers the SIM afterwards, or empty when nothing differed.
     */
    @Transactional
    public java.util.Optional<SimCard> edit(
            String iccid,
            @Nullable String label,
            @Nullable Boolean imeiLock,
            @Nullable String imei,
            @Nullable UUID organizationId) {
        SimCard sim = load(Permission.SIM_VIEW, iccid, organizationId);
        String newLabel = label != null && !label.strip().equals(sim.label() == null ? "" : sim.label()) ? label : null;
        Boolean lock = null;
        String device = null;
        String typed = imei == null || imei.isBlank() ? null : imei.strip();
        if (imeiLock != null) {
            boolean otherDevice = typed != null && !typed.equals(sim.imei());
            if (imeiLock != sim.imeiLock() || otherDevice) {
                lock = imeiLock;
                device = otherDevice || imeiLock ? typed : null;
            }
        }
        if (newLabel == null && lock == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                change(iccid, new SimChanges(null, lock, device, newLabel, null, null, null, null, organizationId)));
    }

    /** The SIM, when the caller may take the action on it: 403 without the permission, 404 outside the scope. */
    @Transactional(readOnly = true)
    public SimCard checkedFor(Permission permission, String iccid, @Nullable UUID organizationId) {
        return load(permission, iccid, organizationId);
    }

    @Transactional
    public Network.Answer resetConnectivity(String iccid, @Nullable UUID organizationId) {
        SimCard sim = load(Permission.SIM_RESET_CONNECTIVITY, iccid, organizationId);
        var answer = network.resetConnectivity(sim.organizationId(), iccid);
        accepted(sim, "SIM_CONNECTIVITY_RESET", answer);
        audit.record(AuditRecord.success(sim.organizationId(), "SIM_CONNECTIVITY_RESET", "SIM", iccid, iccid)
                .withDetail(answer.message()));
        return answer;
    }

    @Transactional
    public Network.Answer sendSms(String iccid, @Nullable String text, @Nullable UUID organizationId) {
        SimCard sim = load(Permission.SIM_SMS, iccid, organizationId);
        if (text == null || text.isBlank() || text.length() > 160) {
            throw refused(sim, "SIM_SMS_SENT", InvalidInputException.of("text", "1 to 160 characters"));
        }
        String problem = TextFields.problem(text, 160, true);
        if (problem != null) {
            throw InvalidInputException.of("text", problem);
        }
        var answer = network.sendSms(sim.organizationId(), iccid, text);
        accepted(sim, "SIM_SMS_SENT", answer);
        audit.record(AuditRecord.success(sim.organizationId(), "SIM_SMS_SENT", "SIM", iccid, iccid)
                .withDetail(answer.message() + ": " + text.length() + " characters"));
        return answer;
    }

    @Transactional
    public Network.Answer topUp(String iccid, @Nullable Integer megabytes, @Nullable UUID organizationId) {
        SimCard sim = load(Permission.SIM_TOP_UP, iccid, organizationId);
        if (megabytes == null || megabytes < 1 || megabytes > 1_000_000) {
            throw refused(sim, "SIM_TOPPED_UP", InvalidInputException.of("megabytes", "1 to 1000000 MB"));
        }
        var answer = network.topUp(sim.organizationId(), iccid, megabytes);
        accepted(sim, "SIM_TOPPED_UP", answer);
        audit.record(AuditRecord.success(sim.organizationId(), "SIM_TOPPED_UP", "SIM", iccid, iccid)
                .withDetail(answer.message()));
        return answer;
    }

    /**
     * Input refused before it reaches this class (the console's form fields that are not numbers): audited like the
     * refusals made here, for a SIM the caller can see (404 otherwise). Answers the exception to throw.
     */
    public InvalidInputException refusedInput(
            String iccid, @Nullable UUID organizationId, String action, InvalidInputException e) {
        return refused(load(Permission.SIM_VIEW, iccid, organizationId), action, e);
    }

    /** The network's message when it accepted; otherwise the refusal is audited and nothing is written. */
    private String accepted(SimCard sim, String action, Network.Answer answer) {
        if (!answer.accepted()) {
            audit.recordIndependently(failure(sim, action, "Refused by the network: " + answer.message()));
            throw new NetworkRefusedException(answer.message());
        }
        return answer.message();
    }

    /** Invalid input for an action on a SIM the caller can see: audited as a failure, in its own transaction. */
    private InvalidInputException refused(SimCard sim, String action, InvalidInputException e) {
        audit.recordIndependently(failure(
                sim,
                action,
                "Refused: "
                        + e.problems().stream()
                                .map(p -> p.field() + ": " + p.message())
                                .collect(Collectors.joining("; "))));
        return e;
    }

    private static AuditRecord failure(SimCard sim, String action, String detail) {
        return AuditRecord.success(sim.organizationId(), action, "SIM", sim.iccid(), sim.iccid())
                .withOutcome(AuditOutcome.FAILURE)
                .withDetail(detail);
    }

    /** The SIM within the caller's scope for this permission (403 without it, 404 outside the scope). */
    private SimCard load(Permission permission, String iccid, @Nullable UUID organizationId) {
        return repository
                .find(sims.scope(permission, organizationId), iccid)
                .orElseThrow(() -> new NotFoundException("SIM"));
    }
}
