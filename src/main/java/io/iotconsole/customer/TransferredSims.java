package io.iotconsole.customer;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.TenantScope;
import io.iotconsole.sim.SimsTransferred;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A SIM that has moved to another organisation leaves the devices of its old owner's customers, in the transfer's own
 * transaction: the old owner no longer has it, and the new owner may put it in a device of its own (an ICCID is in at
 * most one device). The old owner's audit log says how many devices let go of a SIM.
 */
@Component
class TransferredSims {
    private final CustomerRepository repository;
    private final AuditLog audit;

    TransferredSims(CustomerRepository repository, AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
    }

    @EventListener
    void on(SimsTransferred transfer) {
        int released = repository.releaseSims(
                TenantScope.internal(transfer.fromOrganizationId()),
                transfer.ranges().stream().map(SimsTransferred.Range::first).toArray(String[]::new),
                transfer.ranges().stream().map(SimsTransferred.Range::last).toArray(String[]::new));
        if (released > 0) {
            audit.record(AuditRecord.success(
                            transfer.fromOrganizationId(),
                            "DEVICE_SIMS_RELEASED",
                            "ORGANIZATION",
                            transfer.toOrganizationId(),
                            transfer.toOrganizationName())
                    .withDetail(released
                            + (released == 1 ? " device no longer holds its SIM" : " devices no longer hold their SIMs")
                            + ": transferred to " + transfer.toOrganizationName()));
        }
    }
}
