package io.iotconsole.security;

import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.NotFoundException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one request may touch, as handed out by {@link AccessPolicy#scope}: one organisation's data, or (for the
 * platform operator) every organisation's; for a Group user, of the SIMs only those in the groups assigned to them.
 * Every repository method on a table that holds an organisation's data takes one, so that no query can forget the
 * tenant: {@link #where(String)} gives the condition to add.
 *
 * <p>The operator's rule, everywhere: a read or change by id finds the object in whichever organisation holds it; a
 * list covers every organisation unless narrowed to one; creating something inside an organisation needs it named.
 */
public final class TenantScope {
    /** The bind parameter {@link #where(String)} uses; repositories add {@link #parameters()}. */
    public static final String PARAMETER = "tenantOrganizationId";

    private final @Nullable UUID organizationId;
    private final @Nullable UUID groupUserId;

    private TenantScope(@Nullable UUID organizationId, @Nullable UUID groupUserId) {
        this.organizationId = organizationId;
        this.groupUserId = groupUserId;
    }

    static TenantScope everyOrganization() {
        return new TenantScope(null, null);
    }

    static TenantScope of(UUID organizationId, @Nullable UUID groupUserId) {
        return new TenantScope(Objects.requireNonNull(organizationId), groupUserId);
    }

    /**
     * One organisation's scope, for work the product does on its own behalf rather than a caller's (a link or token
     * found by its hash, a use case's follow-up on an object it already loaded in the caller's scope). Null is the
     * operator's own organisation-less rows, which only the every-organisation scope reaches.
     */
    public static TenantScope internal(@Nullable UUID organizationId) {
        return new TenantScope(organizationId, null);
    }

    /** True only for the operator's unnarrowed scope. */
    public boolean coversEveryOrganization() {
        return organizationId == null;
    }

    public boolean includes(@Nullable UUID organization) {
        return organizationId == null || organizationId.equals(organization);
    }

    /** The one organisation, or null when the scope covers every organisation. */
    public @Nullable UUID organizationIdOrNull() {
        return organizationId;
    }

    /**
     * The one organisation something is created in or counted for. The operator's scope must have been narrowed: an
     * unnamed organisation is a 400 on {@code field}.
     */
    public UUID organizationId(String field) {
        if (organizationId == null) {
            throw InvalidInputException.of(field, "Name the organisation");
        }
        return organizationId;
    }

    /** For a Group user: the user whose assigned groups bound the SIMs in scope; null for everyone else. */
    public @Nullable UUID groupUserId() {
        return groupUserId;
    }

    /**
     * Narrowed to one requested organisation: the operator may name any, everyone else only their own (another
     * answers 404, as if it did not exist). A null request keeps the scope as it is.
     */
    public TenantScope narrowedTo(@Nullable UUID requested) {
        if (requested == null) {
            return this;
        }
        if (organizationId == null) {
            return new TenantScope(requested, null);
        }
        if (!organizationId.equals(requested)) {
            throw new NotFoundException("Organisation");
        }
        return this;
    }

    /** Throws 404 for an object of an organisation outside the scope. */
    public void requireIncludes(@Nullable UUID organization, String what) {
        if (!includes(organization)) {
            throw new NotFoundException(what);
        }
    }

    /** The SQL condition that keeps a query inside the scope, on the given organisation column. */
    public String where(String organizationColumn) {
        return organizationId == null ? "TRUE" : organizationColumn + " = :" + PARAMETER;
    }

    /** The parameters {@link #where(String)} needs. */
    public Map<String, Object> parameters() {
        return organizationId == null ? Map.of() : Map.of(PARAMETER, organizationId);
    }

    @Override
    public String toString() {
        return "TenantScope[" + (organizationId == null ? "every organisation" : organizationId)
                + (groupUserId == null ? "" : ", groups of " + groupUserId) + "]";
    }
}
