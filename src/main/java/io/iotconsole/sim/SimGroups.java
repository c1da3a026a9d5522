package io.iotconsole.sim;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** SIM groups ("thing groups") of the caller's organisation: list (sim.view), create, rename, delete (group.manage). */
@Service
public class SimGroups {
    private final SimCards sims;
    private final SimCardRepository repository;
    private final AccessPolicy access;
    private final AuditLog audit;

    SimGroups(SimCards sims, SimCardRepository repository, AccessPolicy access, AuditLog audit) {
        this.sims = sims;
        this.repository = repository;
        this.access = access;
        this.audit = audit;
    }

    public record SimGroup(UUID id, String name, long simCount) {}

    /** A Group user sees only the groups assigned to them. */
    @Transactional(readOnly = true)
    public List<SimGroup> list(@Nullable UUID organizationId) {
        return repository.groups(sims.scope(Permission.SIM_VIEW, organizationId)).stream()
                .map(g -> new SimGroup(g.id(), g.name(), g.simCount()))
                .toList();
    }

    @Transactional
    public SimGroup create(@Nullable String name, @Nullable UUID organizationId) {
        UUID org = manageableOrganization(organizationId);
        String clean = validName(name);
        UUID id = UUID.randomUUID();
        if (!repository.insertGroup(id, org, clean)) {
            throw new ConflictException("A group named \"" + clean + "\" already exists");
        }
        audit.record(AuditRecord.success(org, "SIM_GROUP_CREATED", "SIM_GROUP", id, clean));
        return new SimGroup(id, clean, 0);
    }

    @Transactional
    public SimGroup rename(UUID id, @Nullable String name, @Nullable UUID organizationId) {
        UUID org = manageableOrganization(organizationId);
        var group = repository.group(org, id).orElseThrow(() -> new NotFoundException("Group"));
        String clean = validName(name);
        if (!repository.renameGroup(org, id, clean)) {
            throw new ConflictException("A group named \"" + clean + "\" already exists");
        }
        audit.record(AuditRecord.success(org, "SIM_GROUP_RENAMED", "SIM_GROUP", id, clean)
                .withDetail("was " + group.name()));
        return new SimGroup(id, clean, group.simCount());
    }

    /** The group's SIMs stay, outside any group. */
    @Transactional
    public void delete(UUID id, @Nullable UUID organizationId) {
        UUID org = manageableOrganization(organizationId);
        var group = repository.group(org, id).orElseThrow(() -> new NotFoundException("Group"));
        repository.deleteGroup(org, id);
        audit.record(AuditRecord.success(org, "SIM_GROUP_DELETED", "SIM_GROUP", id, group.name())
                .withDetail(group.simCount() + " SIMs left without a group"));
    }

    private UUID manageableOrganization(@Nullable UUID organizationId) {
        access.require(Permission.GROUP_MANAGE);
        return sims.scope(Permission.GROUP_MANAGE, organizationId).organizationId();
    }

    private static String validName(@Nullable String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100 || clean.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.of("name", "1 to 100 characters, no control characters");
        }
        return clean;
    }
}
