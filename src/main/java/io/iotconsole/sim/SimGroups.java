package io.iotconsole.sim;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.NotFoundException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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

    /** One page of the groups in scope with their SIM counts, sorted as asked ({@code name}, {@code -sims}...). */
    @Transactional(readOnly = true)
    public io.iotconsole.shared.PageResult<SimGroup> page(
            @Nullable String sort, io.iotconsole.shared.Paging paging, @Nullable UUID organizationId) {
        var sorting = SimCardRepository.GROUP_SORTS.parse(sort);
        return repository
                .groupPage(sims.scope(Permission.SIM_VIEW, organizationId), sorting, paging.page(), paging.size())
                .map(g -> new SimGroup(g.id(), g.name(), g.simCount()));
    }

    /** The sort a groups request asks for (400 naming {@code sort} for an unknown column). */
    public io.iotconsole.shared.SortColumns.Sort sorting(@Nullable String sort) {
        return SimCardRepository.GROUP_SORTS.parse(sort);
    }

    /** One group in scope: a Group user's own only, another organisation's answers 404. */
    @Transactional(readOnly = true)
    public SimGroup get(UUID id, @Nullable UUID organizationId) {
        return repository
                .group(sims.scope(Permission.SIM_VIEW, organizationId), id)
                .map(g -> new SimGroup(g.id(), g.name(), g.simCount()))
                .orElseThrow(() -> new NotFoundException("Group"));
    }

    @Transactional
    public SimGroup create(@Nullable String name, @Nullable UUID organizationId) {
        UUID org = access.scope(Permission.GROUP_MANAGE, organizationId).organizationId("organizationId");
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
        TenantScope scope = access.scope(Permission.GROUP_MANAGE, organizationId);
        var group = repository.group(scope, id).orElseThrow(() -> new NotFoundException("Group"));
        String clean = validName(name);
        if (!repository.renameGroup(scope, group, clean)) {
            throw new ConflictException("A group named \"" + clean + "\" already exists");
        }
        audit.record(AuditRecord.success(group.organizationId(), "SIM_GROUP_RENAMED", "SIM_GROUP", id, clean)
                .withDetail("was " + group.name()));
        return new SimGroup(id, clean, group.simCount());
    }

    /**
     * Why the group cannot be deleted, or null: the Group users for whom it is the only group (give them another group
     * first, or another role).
     */
    public @Nullable String strandedUsers(UUID id, @Nullable UUID organizationId) {
        TenantScope scope = access.scope(Permission.GROUP_MANAGE, organizationId);
        List<String> users = repository.usersWithOnlyGroup(scope, id);
        if (users.isEmpty()) {
            return null;
        }
        return (users.size() == 1 ? "The Group user " : "The Group users ") + String.join(", ", users)
                + (users.size() == 1 ? " has" : " have")
                + " no other group. Give them another group (or another role) on the Users page first.";
    }

    /** The group's SIMs stay, outside any group. */
    @Transactional
    public void delete(UUID id, @Nullable UUID organizationId) {
        TenantScope scope = access.scope(Permission.GROUP_MANAGE, organizationId);
        var group = repository.group(scope, id).orElseThrow(() -> new NotFoundException("Group"));
        String stranded = strandedUsers(id, organizationId);
        if (stranded != null) {
            throw new ConflictException(stranded);
        }
        repository.deleteGroup(scope, id);
        audit.record(AuditRecord.success(group.organizationId(), "SIM_GROUP_DELETED", "SIM_GROUP", id, group.name())
                .withDetail(group.simCount() + " SIMs left without a group"));
    }

    /**
     * The SIM groups a Group user may manage, replaced by {@code groupIds}; each must be a group of the user's
     * organisation. Called by the user module inside its own create / edit, which has checked the permission.
     */
    @Transactional
    public void assignToUser(UUID organizationId, UUID userId, Set<UUID> groupIds) {
        Set<UUID> known = repository.groups(TenantScope.internal(organizationId)).stream()
                .map(SimCardRepository.Group::id)
                .collect(Collectors.toSet());
        if (!known.containsAll(groupIds)) {
            throw InvalidInputException.of("groupIds", "Only groups of the user's organisation can be assigned");
        }
        repository.replaceAssignments(TenantScope.internal(organizationId), userId, groupIds);
    }

    /** The groups assigned to a user (empty for everyone but Group users). */
    @Transactional(readOnly = true)
    public Set<UUID> assignedTo(UUID organizationId, UUID userId) {
        return repository.assignedGroups(TenantScope.internal(organizationId), userId).stream()
                .map(SimCardRepository.Group::id)
                .collect(Collectors.toSet());
    }

    /** Every group of an organisation, for the user form (the caller manages that organisation's users). */
    @Transactional(readOnly = true)
    public List<SimGroup> allOf(UUID organizationId) {
        return repository.groups(TenantScope.internal(organizationId)).stream()
                .map(g -> new SimGroup(g.id(), g.name(), g.simCount()))
                .toList();
    }

    private static String validName(@Nullable String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100 || clean.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.of("name", "1 to 100 characters, no control characters");
        }
        return clean;
    }
}
