package io.iotconsole.sim;

import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One change for several SIMs picked on the list: a new state (sim.state) or another group (group.manage). Every SIM
 * is checked before anything is done: one the caller may not change (outside their organisation or, for a Group user,
 * their groups) makes the whole request a 404. Each SIM is then changed by {@link SimActions}, which audits it; all of
 * it in one transaction, so a refusal by the network for one SIM leaves every SIM as it was.
 */
@Service
public class SimBulkChanges {
    /** As many SIMs as the list shows on its largest page. */
    public static final int MAX_SIMS = io.iotconsole.shared.Paging.MAX_SIZE;

    private final SimCards sims;
    private final SimCardRepository repository;
    private final SimActions actions;

    SimBulkChanges(SimCards sims, SimCardRepository repository, SimActions actions) {
        this.sims = sims;
        this.repository = repository;
        this.actions = actions;
    }

    /** What a bulk change would do: the SIMs, checked, and the words for it ("Suspend", "suspended"). */
    public record Plan(
            List<SimCard> sims,
            String verb,
            String done,
            @Nullable UUID groupId,
            @Nullable String groupName,
            boolean ungroup) {
        public int count() {
            return sims.size();
        }
    }

    /** What a bulk change did: how many SIMs changed, and how many already were as asked. */
    public record Outcome(int changed, int unchanged, String done) {}

    /** Checks a state change of the SIMs without doing it: 403 without sim.state, 404 for a SIM out of scope. */
    @Transactional(readOnly = true)
    public Plan planState(@Nullable List<String> iccids, @Nullable String state, @Nullable UUID organizationId) {
        SimState target = state(state);
        List<SimCard> found = load(Permission.SIM_STATE, iccids, organizationId);
        return switch (target) {
            case ACTIVE -> new Plan(found, "Activate", "activated", null, null, false);
            case SUSPENDED -> new Plan(found, "Suspend", "suspended", null, null, false);
            case DEACTIVATED -> new Plan(found, "Deactivate", "deactivated", null, null, false);
        };
    }

    @Transactional
    public Outcome changeState(@Nullable List<String> iccids, @Nullable String state, @Nullable UUID organizationId) {
        Plan plan = planState(iccids, state, organizationId);
        SimState target = state(state);
        int changed = 0;
        for (SimCard sim : plan.sims()) {
            if (sim.state() == target) {
                continue;
            }
            apply(sim, new SimChanges(target.name(), null, null, null, null, null, null, organizationId));
            changed++;
        }
        return new Outcome(changed, plan.count() - changed, plan.done());
    }

    /**
     * Checks a move of the SIMs into a group of the caller's organisation (404 for another's), or out of their
     * groups ({@code ungroup}), without doing it.
     */
    @Transactional(readOnly = true)
    public Plan planGroup(
            @Nullable List<String> iccids, @Nullable String groupId, boolean ungroup, @Nullable UUID organizationId) {
        TenantScope scope = sims.scope(Permission.GROUP_MANAGE, organizationId);
        if (ungroup) {
            return new Plan(
                    load(Permission.GROUP_MANAGE, iccids, organizationId),
                    "Remove",
                    "removed from their group",
                    null,
                    null,
                    true);
        }
        if (groupId == null || groupId.isBlank()) {
            throw InvalidInputException.of("groupId", "Choose the group to move the SIMs to");
        }
        UUID id;
        try {
            id = UUID.fromString(groupId.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("groupId", "Expected an id (UUID)");
        }
        var group = repository.group(scope, id).orElseThrow(() -> new NotFoundException("Group"));
        List<SimCard> found = load(Permission.GROUP_MANAGE, iccids, organizationId);
        if (found.stream().anyMatch(s -> !s.organizationId().equals(group.organizationId()))) {
            throw InvalidInputException.of("groupId", "The group belongs to another organisation than the SIMs");
        }
        return new Plan(found, "Move", "moved to " + group.name(), id, group.name(), false);
    }

    @Transactional
    public Outcome changeGroup(
            @Nullable List<String> iccids, @Nullable String groupId, boolean ungroup, @Nullable UUID organizationId) {
        Plan plan = planGroup(iccids, groupId, ungroup, organizationId);
        int changed = 0;
        for (SimCard sim : plan.sims()) {
            if (ungroup ? sim.groupId() == null : plan.groupId().equals(sim.groupId())) {
                continue;
            }
            apply(
                    sim,
                    new SimChanges(
                            null,
                            null,
                            null,
                            null,
                            null,
                            plan.groupId(),
                            ungroup ? Boolean.TRUE : null,
                            organizationId));
            changed++;
        }
        return new Outcome(changed, plan.count() - changed, plan.done());
    }

    private void apply(SimCard sim, SimChanges changes) {
        try {
            actions.change(sim.iccid(), changes);
        } catch (NetworkRefusedException e) {
            throw new NetworkRefusedException("SIM " + sim.iccid() + ": " + e.reason());
        }
    }

    /** The SIMs named, each in the caller's scope for the permission; any other answers 404 for the whole request. */
    private List<SimCard> load(Permission permission, @Nullable List<String> iccids, @Nullable UUID organizationId) {
        TenantScope scope = sims.scope(permission, organizationId);
        LinkedHashSet<String> wanted = new LinkedHashSet<>();
        if (iccids != null) {
            for (String iccid : iccids) {
                if (iccid != null && !iccid.isBlank()) {
                    wanted.add(iccid.strip());
                }
            }
        }
        if (wanted.isEmpty()) {
            throw InvalidInputException.of("iccid", "Select at least one SIM");
        }
        if (wanted.size() > MAX_SIMS) {
            throw InvalidInputException.of("iccid", "At most " + MAX_SIMS + " SIMs at a time");
        }
        List<SimCard> found = repository.findAll(scope, new ArrayList<>(wanted));
        if (found.size() != wanted.size()) {
            throw new NotFoundException("SIM");
        }
        return found;
    }

    private static SimState state(@Nullable String state) {
        SimState target = state == null || state.isBlank()
                ? null
                : new SimFilter(null, null, null, null, state.toUpperCase(Locale.ROOT), null, null, null).stateOrNull();
        if (target == null) {
            throw InvalidInputException.of("state", "Choose ACTIVE, SUSPENDED or DEACTIVATED");
        }
        return target;
    }
}
