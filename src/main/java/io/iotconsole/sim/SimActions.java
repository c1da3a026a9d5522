package io.iotconsole.sim;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.shared.TextFields;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Actions on one SIM, each with its own permission (a Group user's only on the SIMs of their groups), carried out
 * through the {@link Network} and audited with the network's answer.
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

    /** Applies the given changes; answers the SIM as it is afterwards. */
    @Transactional
    public SimCard change(String iccid, SimChanges in) {
        List<String> answers = new ArrayList<>();
        SimCard sim = load(Permission.SIM_VIEW, iccid, in.organizationId());
        if (in.state() != null) {
            load(Permission.SIM_STATE, iccid, in.organizationId());
            SimState state = new SimFilter(null, null, null, null, in.state(), null, null, null).stateOrNull();
            if (state == null) {
                throw InvalidInputException.of("state", "One of ACTIVE, DEACTIVATED, SUSPENDED");
            }
            answers.add(network.changeState(sim.organizationId(), iccid, state).message());
            repository.set(sim, "state", state.name());
        }
        if (in.imeiLock() != null) {
            load(Permission.SIM_IMEI_LOCK, iccid, in.organizationId());
            answers.add(network.setImeiLock(sim.organizationId(), iccid, in.imeiLock(), sim.imei())
                    .message());
            repository.set(sim, "imei_lock", in.imeiLock());
        }
        if (in.monthlyLimitMb() != null) {
            load(Permission.SIM_MONTHLY_LIMIT, iccid, in.organizationId());
            if (in.monthlyLimitMb() < 0 || in.monthlyLimitMb() > 10_000_000) {
                throw InvalidInputException.of("monthlyLimitMb", "0 (no limit) to 10000000 MB");
            }
            Integer limit = in.monthlyLimitMb() == 0 ? null : in.monthlyLimitMb();
            answers.add(
                    network.setMonthlyLimit(sim.organizationId(), iccid, limit).message());
            repository.set(sim, "monthly_limit_mb", limit);
        }
        if (in.autoTopUpMb() != null) {
            load(Permission.SIM_TOP_UP, iccid, in.organizationId());
            if (in.autoTopUpMb() < 0 || in.autoTopUpMb() > 1_000_000) {
                throw InvalidInputException.of("autoTopUpMb", "0 (off) to 1000000 MB");
            }
            Integer mb = in.autoTopUpMb() == 0 ? null : in.autoTopUpMb();
            answers.add(network.setAutoTopUp(sim.organizationId(), iccid, mb).message());
            repository.set(sim, "auto_top_up_mb", mb);
        }
        if (in.label() != null) {
            // A label is the SIM's name in the console, edited by those who may change the SIM's state.
            load(Permission.SIM_STATE, iccid, in.organizationId());
            String label = in.label().strip();
            if (TextFields.problem(label, 100, false) != null) {
                throw InvalidInputException.of("label", "At most 100 characters, no control characters");
            }
            repository.set(sim, "label", label.isEmpty() ? null : label);
            answers.add("Label " + (label.isEmpty() ? "cleared" : "set"));
        }
        if (in.groupId() != null || Boolean.TRUE.equals(in.ungroup())) {
            access.require(Permission.GROUP_MANAGE);
            UUID group = Boolean.TRUE.equals(in.ungroup()) ? null : in.groupId();
            if (group != null && repository.group(sim.organizationId(), group).isEmpty()) {
                throw InvalidInputException.of("groupId", "No such group in this organisation");
            }
            repository.set(sim, "group_id", group);
            answers.add(group == null ? "Removed from its group" : "Moved to group " + group);
        }
        if (answers.isEmpty()) {
            throw InvalidInputException.of(
                    "state", "Nothing to change: give state, imeiLock, label, monthlyLimitMb, autoTopUpMb or groupId");
        }
        audit.record(AuditRecord.success(sim.organizationId(), "SIM_CHANGED", "SIM", iccid, iccid)
                .withDetail(String.join("; ", answers)));
        return load(Permission.SIM_VIEW, iccid, in.organizationId());
    }

    @Transactional
    public Network.Answer resetConnectivity(String iccid, @Nullable UUID organizationId) {
        SimCard sim = load(Permission.SIM_RESET_CONNECTIVITY, iccid, organizationId);
        var answer = network.resetConnectivity(sim.organizationId(), iccid);
        audit.record(AuditRecord.success(sim.organizationId(), "SIM_CONNECTIVITY_RESET", "SIM", iccid, iccid)
                .withDetail(answer.message()));
        return answer;
    }

    @Transactional
    public Network.Answer sendSms(String iccid, @Nullable String text, @Nullable UUID organizationId) {
        SimCard sim = load(Permission.SIM_SMS, iccid, organizationId);
        if (text == null || text.isBlank() || text.length() > 160) {
            throw InvalidInputException.of("text", "1 to 160 characters");
        }
        String problem = TextFields.problem(text, 160, true);
        if (problem != null) {
            throw InvalidInputException.of("text", problem);
        }
        var answer = network.sendSms(sim.organizationId(), iccid, text);
        audit.record(AuditRecord.success(sim.organizationId(), "SIM_SMS_SENT", "SIM", iccid, iccid)
                .withDetail(answer.message() + ": " + text.length() + " characters"));
        return answer;
    }

    @Transactional
    public Network.Answer topUp(String iccid, @Nullable Integer megabytes, @Nullable UUID organizationId) {
        SimCard sim = load(Permission.SIM_TOP_UP, iccid, organizationId);
        if (megabytes == null || megabytes < 1 || megabytes > 1_000_000) {
            throw InvalidInputException.of("megabytes", "1 to 1000000 MB");
        }
        var answer = network.topUp(sim.organizationId(), iccid, megabytes);
        audit.record(AuditRecord.success(sim.organizationId(), "SIM_TOPPED_UP", "SIM", iccid, iccid)
                .withDetail(answer.message()));
        return answer;
    }

    /** The SIM within the caller's scope for this permission (403 without it, 404 outside the scope). */
    private SimCard load(Permission permission, String iccid, @Nullable UUID organizationId) {
        return repository
                .find(sims.scope(permission, organizationId), iccid)
                .orElseThrow(() -> new NotFoundException("SIM"));
    }
}
