package io.iotconsole.sim;

import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.QueryParameters;
import io.iotconsole.shared.SortColumns;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The SIM list's filters and sort, as the page, the export and the API receive them. ICCID, IMSI, MSISDN and label
 * match any part of the value (the label in any case), so the last digits of an ICCID or a number find the SIM; state
 * and group exactly.
 */
public record SimFilter(
        @Nullable String iccid,
        @Nullable String imsi,
        @Nullable String msisdn,
        @Nullable String label,
        @Nullable String state,
        @Nullable UUID groupId,
        @Nullable String sort,
        @Nullable UUID organizationId) {

    /**
     * The filter from a request's query parameters. Read by hand rather than bound as a model attribute: the SIM
     * list is the API's busiest call, and reflective binding cost a fifth of its time.
     */
    public static SimFilter of(jakarta.servlet.http.HttpServletRequest request) {
        return new SimFilter(
                request.getParameter("iccid"),
                request.getParameter("imsi"),
                request.getParameter("msisdn"),
                request.getParameter("label"),
                request.getParameter("state"),
                QueryParameters.uuid(request, "groupId"),
                request.getParameter("sort"),
                QueryParameters.uuid(request, "organizationId"));
    }

    /** Whether nothing narrows the list (sort and organisation do not). */
    boolean isEmpty() {
        return blank(iccid) && blank(imsi) && blank(msisdn) && blank(label) && blank(state) && groupId == null;
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    /** No filter: every SIM in scope; the operator names the organisation. */
    public static SimFilter none(@Nullable UUID organizationId) {
        return new SimFilter(null, null, null, null, null, null, null, organizationId);
    }

    /**
     * Sortable columns: the request's name to the SQL; ICCIDs of different lengths sort by length first; labels and
     * group names ignoring case, as their filters match them; by group name, SIMs without a group last.
     */
    static final SortColumns SORTS = SortColumns.of(
            "iccid",
            "iccid_length, iccid",
            "iccid",
            "iccid_length, iccid",
            "imsi",
            "imsi",
            "msisdn",
            "msisdn",
            "label",
            "lower(label)",
            "state",
            "state",
            "dataUsedMb",
            "data_used_mb",
            "group",
            "(SELECT lower(g.name) FROM sim_group g WHERE g.id = group_id)");

    @Nullable
    SimState stateOrNull() {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return SimState.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("state", "One of ACTIVE, DEACTIVATED, SUSPENDED");
        }
    }

    /** {@code iccid}, {@code -dataUsedMb} and so on; unknown names are refused, so no text reaches the SQL. */
    SortColumns.Sort sorting() {
        return SORTS.parse(sort);
    }

    String orderBy() {
        return sorting().orderBy();
    }
}
