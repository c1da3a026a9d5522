package io.iotconsole.sim;

import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SIMs of the caller's organisation (sim.view): list, one by ICCID, export (sim.export). For a Group user
 * ({@code G} in the table) only the SIMs of their assigned groups exist; every other SIM answers 404.
 */
@Service
public class SimCards {
    private final SimCardRepository repository;
    private final AccessPolicy access;

    SimCards(SimCardRepository repository, AccessPolicy access) {
        this.repository = repository;
        this.access = access;
    }

    /**
     * One page and the total. No transaction: it is one statement (two for a filtered list, which under READ
     * COMMITTED would not share a snapshot anyway), and the API's busiest call is spared the round trips.
     */
    public PageResult<SimCard> list(SimFilter filter, Paging paging) {
        var scope = scope(Permission.SIM_VIEW, filter);
        return repository.page(scope, filter, paging.page(), paging.size());
    }

    @Transactional(readOnly = true)
    public SimCard get(String iccid) {
        return get(iccid, null);
    }

    /** The operator finds a SIM in any organisation (or the one named); everyone else in their own. */
    @Transactional(readOnly = true)
    public SimCard get(String iccid, @Nullable UUID organizationId) {
        var scope = scope(Permission.SIM_VIEW, SimFilter.none(organizationId));
        return repository.find(scope, iccid).orElseThrow(() -> new NotFoundException("SIM"));
    }

    /**
     * Checks sim.export and the filters before anything is written; the matching SIMs are read when the export
     * ({@link CsvExport}) streams them, inside its transaction.
     */
    public CsvExport.Rows<SimCard> prepareExport(SimFilter filter) {
        var scope = scope(Permission.SIM_EXPORT, filter);
        filter.orderBy();
        filter.stateOrNull();
        return CsvExport.Rows.of(scope.organizationIdOrNull(), consumer -> repository.forEach(scope, filter, consumer));
    }

    /** The caller's SIMs by state, for the dashboard (a Group user's: their groups' SIMs). */
    @Transactional(readOnly = true)
    public Map<SimState, Long> countByState() {
        return repository.countByState(scope(Permission.SIM_VIEW, (UUID) null));
    }

    /** This month's data over the caller's SIMs and the five using the most, for the data usage dashboard. */
    @Transactional(readOnly = true)
    public SimUsage usage() {
        return repository.usage(scope(Permission.SIM_VIEW, (UUID) null), 5);
    }

    /** SIM counts of organisations, for the organisation lists (which check their own permission). */
    @Transactional(readOnly = true)
    public Map<UUID, Long> countByOrganization(List<UUID> organizationIds) {
        return repository.countByOrganization(organizationIds);
    }

    /**
     * Before an organisation is deleted: refuses while SIM actions of its are still running on the network or it owns
     * SIMs (saying how many), then removes its SIM groups.
     * The calling use case checks who may delete.
     */
    @Transactional
    public void clearEmptyInventoryOf(UUID organizationId) {
        long running = repository.runningNetworkRequests(organizationId);
        if (running > 0) {
            throw new ConflictException("The sub-organisation has " + running + " SIM action"
                    + (running == 1 ? "" : "s") + " still running on the network; try again once "
                    + (running == 1 ? "it has" : "they have") + " finished");
        }
        long owned = repository.countByOrganization(List.of(organizationId)).getOrDefault(organizationId, 0L);
        if (owned > 0) {
            throw new ConflictException("The sub-organisation still owns " + owned + " SIM" + (owned == 1 ? "" : "s")
                    + "; transfer them back first");
        }
        repository.deleteGroupsOf(organizationId);
    }

    /** The caller's SIMs for a permission; the operator's every organisation's, or the one named. */
    TenantScope scope(Permission permission, @Nullable UUID organizationId) {
        return access.scope(permission, organizationId);
    }

    private TenantScope scope(Permission permission, SimFilter filter) {
        return access.scope(permission, filter.organizationId());
    }
}
