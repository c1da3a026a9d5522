package io.iotconsole.sim;

import io.iotconsole.security.TenantScope;
import io.iotconsole.security.Unscoped;
import io.iotconsole.shared.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

@Repository
class SimCardRepository {
    private static final String COLUMNS = "organization_id, iccid, imsi, msisdn, imei, imei_lock, label, state, "
            + "monthly_limit_mb, auto_top_up_mb, data_used_mb, group_id, created_at";
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    SimCardRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setReadOnly(true);
    }

    /**
     * Asks {@code sim_search}, the registry of every SIM by ICCID across organisations (sim_card's keys lead with the
     * organisation).
     */
    @Unscoped("ICCIDs are unique in the installation: the stock import checks none exists anywhere")
    List<String> existingIccids(List<String> iccids) {
        List<String> known = new ArrayList<>();
        for (int i = 0; i < iccids.size(); i += 10_000) {
            String[] chunk =
                    iccids.subList(i, Math.min(iccids.size(), i + 10_000)).toArray(String[]::new);
            known.addAll(jdbc.sql("SELECT iccid FROM sim_search WHERE iccid = ANY(:iccids)")
                    .param("iccids", chunk)
                    .query(String.class)
                    .list());
        }
        return known;
    }

    /**
     * One statement per call (the import calls with a few thousand rows), so that the trigger keeping
     * {@code sim_search} runs once for all of them rather than once a row.
     */
    @Unscoped("the operator's stock import into the organisation it named")
    void insertAll(UUID organizationId, List<SimImports.Row> rows) {
        addToCount(organizationId, rows.size());
        jdbc.sql("INSERT INTO sim_card (organization_id, iccid, imsi, msisdn) SELECT :org, r.iccid, r.imsi, r.msisdn"
                        + " FROM unnest(CAST(:iccids AS text[]), CAST(:imsis AS text[]), CAST(:msisdns AS text[]))"
                        + " AS r(iccid, imsi, msisdn)")
                .param("org", organizationId)
                .param("iccids", rows.stream().map(SimImports.Row::iccid).toArray(String[]::new))
                .param("imsis", rows.stream().map(SimImports.Row::imsi).toArray(String[]::new))
                .param("msisdns", rows.stream().map(SimImports.Row::msisdn).toArray(String[]::new))
                .update();
    }

    /**
     * One SIM by its ICCID (parameter {@code iccid}). The primary key is (organisation, ICCID length, ICCID), the
     * numeric order of ICCIDs; a look-up names the length too, or the key could not go straight to the SIM.
     */
    static final String ONE_SIM = "iccid_length = length(CAST(:iccid AS text)) AND iccid = :iccid";

    Optional<SimCard> find(TenantScope scope, String iccid) {
        Where w = where(scope, SimFilter.none(null));
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_card" + w.sql + " AND " + ONE_SIM)
                .params(w.params)
                .param("iccid", iccid)
                .query(SimCardRepository::map)
                .optional();
    }

    long count(TenantScope scope, SimFilter filter) {
        UUID org = scope.organizationIdOrNull();
        if (scope.groupUserId() == null && filter.isEmpty()) {
            if (org == null) {
                return jdbc.sql("SELECT coalesce(sum(sims), 0) FROM sim_count")
                        .query(Long.class)
                        .single();
            }
            return countByOrganization(List.of(org)).getOrDefault(org, 0L);
        }
        Where w = where(scope, filter);
        return jdbc.sql("SELECT count(*) FROM sim_card" + w.sql)
                .params(w.params)
                .query(Long.class)
                .single();
    }

    /**
     * One page and the total. When the total is the per-organisation counter (no filter, not a Group user), both come
     * in one statement: the counter rides along as a column of every row (evaluated once). Only an empty page needs
     * a second statement for the total.
     */
    PageResult<SimCard> page(TenantScope scope, SimFilter filter, int page, int size) {
        String total = counterSql(scope, filter);
        if (total == null) {
            return new PageResult<>(find(scope, filter, page * size, size), count(scope, filter), page, size);
        }
        Where w = where(scope, filter);
        long[] counted = {-1};
        List<SimCard> items = jdbc.sql("SELECT " + COLUMNS + ", (" + total + ") AS total FROM sim_card" + w.sql
                        + " ORDER BY " + filter.orderBy() + " LIMIT :limit OFFSET :offset")
                .params(w.params)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> {
                    counted[0] = rs.getLong("total");
                    return map(rs, n);
                })
                .list();
        return new PageResult<>(items, items.isEmpty() ? count(scope, filter) : counted[0], page, size);
    }

    /** The counter that answers the total without counting SIMs, or null when only counting can answer it. */
    private static @Nullable String counterSql(TenantScope scope, SimFilter filter) {
        if (scope.groupUserId() != null || !filter.isEmpty()) {
            return null;
        }
        return scope.organizationIdOrNull() == null
                ? "SELECT coalesce(sum(sims), 0) FROM sim_count"
                : "SELECT coalesce(max(sims), 0) FROM sim_count WHERE organization_id = :" + TenantScope.PARAMETER;
    }

    List<SimCard> find(TenantScope scope, SimFilter filter, int offset, int limit) {
        Where w = where(scope, filter);
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_card" + w.sql + " ORDER BY " + filter.orderBy()
                        + " LIMIT :limit OFFSET :offset")
                .params(w.params)
                .param("limit", limit)
                .param("offset", offset)
                .query(SimCardRepository::map)
                .list();
    }

    /**
     * Streams the matching SIMs from a server-side cursor, which PostgreSQL only keeps inside a transaction (outside
     * one the driver would read every row into memory first). The stream is closed however the consumer ends, so the
     * statement never outlives the call.
     */
    void forEach(TenantScope scope, SimFilter filter, Consumer<? super SimCard> consumer) {
        Assert.state(
                TransactionSynchronizationManager.isActualTransactionActive(),
                "SIMs are streamed inside a transaction only");
        Where w = where(scope, filter);
        try (var rows = jdbc
                .sql("SELECT " + COLUMNS + " FROM sim_card" + w.sql + " ORDER BY " + filter.orderBy())
                .params(w.params)
                .withFetchSize(1000)
                .query(SimCardRepository::map)
                .stream()) {
            rows.forEach(consumer);
        }
    }

    @Unscoped("the per-organisation SIM counters, shown with organisations the caller may see")
    Map<UUID, Long> countByOrganization(List<UUID> organizationIds) {
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("SELECT organization_id, sims AS n FROM sim_count WHERE organization_id = ANY(:orgs)")
                .param("orgs", organizationIds.toArray(UUID[]::new))
                .query((rs, n) -> counts.put(rs.getObject("organization_id", UUID.class), rs.getLong("n")))
                .list();
        return counts;
    }

    /** Keeps {@code sim_count}: called by the stock import and, for both sides, by the transfer. */
    @Unscoped("the per-organisation SIM counters, kept by import and transfer")
    void addToCount(UUID organizationId, long sims) {
        if (sims < 0) {
            jdbc.sql("UPDATE sim_count SET sims = sims + :n WHERE organization_id = :org")
                    .param("org", organizationId)
                    .param("n", sims)
                    .update();
            return;
        }
        jdbc.sql("INSERT INTO sim_count (organization_id, sims) VALUES (:org, :n)"
                        + " ON CONFLICT (organization_id) DO UPDATE SET sims = sim_count.sims + :n")
                .param("org", organizationId)
                .param("n", sims)
                .update();
    }

    /** Sets one column of a SIM; the column comes from {@link SimActions}, never from a request. */
    void set(TenantScope scope, SimCard sim, String column, @Nullable Object value) {
        if (!List.of("state", "imei_lock", "imei", "label", "monthly_limit_mb", "auto_top_up_mb", "group_id")
                .contains(column)) {
            throw new IllegalArgumentException(column);
        }
        jdbc.sql("UPDATE sim_card SET " + column + " = :value WHERE organization_id = :org AND " + ONE_SIM + " AND "
                        + scope.where("organization_id"))
                .params(scope.parameters())
                .param("org", sim.organizationId())
                .param("iccid", sim.iccid())
                .param("value", value)
                .update();
    }

    record Group(UUID id, UUID organizationId, String name, long simCount) {}

    /** The groups in scope: a Group user's own, everyone else's all of the organisation. */
    List<Group> groups(TenantScope scope) {
        return groups(scope, scope.groupUserId());
    }

    private List<Group> groups(TenantScope scope, @Nullable UUID assignedTo) {
        String mine =
                assignedTo == null ? "" : " AND g.id IN (SELECT group_id FROM user_sim_group WHERE user_id = :me)";
        return jdbc.sql(
                        "SELECT g.id, g.organization_id, g.name, (SELECT count(*) FROM sim_card s WHERE s.group_id = g.id"
                                + " AND s.organization_id = g.organization_id) AS sims FROM sim_group g"
                                + " WHERE " + scope.where("g.organization_id") + mine + " ORDER BY lower(g.name)")
                .params(scope.parameters())
                .param("me", assignedTo)
                .query((rs, n) -> new Group(
                        rs.getObject("id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getString("name"),
                        rs.getLong("sims")))
                .list();
    }

    /** The groups assigned to a user (a Group user's; nobody else has any). */
    List<Group> assignedGroups(TenantScope scope, UUID userId) {
        return groups(scope, userId);
    }

    Optional<Group> group(TenantScope scope, UUID id) {
        return groups(scope).stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /** Answers false when the organisation already has a group of that name (any case). */
    @Unscoped("a new group in the organisation AccessPolicy.scope named")
    boolean insertGroup(UUID id, UUID organizationId, String name) {
        return jdbc.sql(
                                "INSERT INTO sim_group (id, organization_id, name) VALUES (:id, :org, :name) ON CONFLICT DO NOTHING")
                        .param("id", id)
                        .param("org", organizationId)
                        .param("name", name)
                        .update()
                == 1;
    }

    boolean renameGroup(TenantScope scope, Group group, String name) {
        return jdbc.sql("UPDATE sim_group SET name = :name WHERE id = :id AND " + scope.where("organization_id")
                                + " AND NOT EXISTS (SELECT 1 FROM sim_group o WHERE o.organization_id = :org"
                                + " AND lower(o.name) = lower(:name) AND o.id <> :id)")
                        .params(scope.parameters())
                        .param("id", group.id())
                        .param("org", group.organizationId())
                        .param("name", name)
                        .update()
                == 1;
    }

    /**
     * Deletes a group and ungroups its SIMs in one statement: the SIMs' foreign key to their group takes no action of
     * its own, since Citus refuses SET NULL on a key that holds the distribution column.
     */
    void deleteGroup(TenantScope scope, UUID id) {
        jdbc.sql("WITH ungrouped AS (UPDATE sim_card SET group_id = NULL WHERE group_id = :id AND "
                        + scope.where("organization_id") + ")"
                        + " DELETE FROM sim_group WHERE id = :id AND " + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", id)
                .update();
    }

    /**
     * The Group users for whom this is the only group, by name: deleting it would leave them seeing nothing, which a
     * Group user may not be saved with. Reads the user table's names beside the assignments this module owns.
     */
    List<String> usersWithOnlyGroup(TenantScope scope, UUID groupId) {
        return jdbc.sql("""
                        SELECT u.first_name || ' ' || u.last_name FROM user_sim_group a JOIN app_user u ON u.id = a.user_id
                        WHERE a.group_id = :g AND u.role = 'GROUP_USER' AND\s""" + scope.where("a.organization_id") + """
                         AND NOT EXISTS (SELECT 1 FROM user_sim_group o WHERE o.user_id = a.user_id AND o.group_id <> :g)
                        ORDER BY lower(u.last_name), lower(u.first_name)""")
                .params(scope.parameters())
                .param("g", groupId)
                .query(String.class)
                .list();
    }

    void replaceAssignments(TenantScope scope, UUID userId, Set<UUID> groupIds) {
        UUID organizationId = scope.organizationId("organizationId");
        jdbc.sql("DELETE FROM user_sim_group WHERE user_id = :u AND organization_id = :org")
                .param("u", userId)
                .param("org", organizationId)
                .update();
        for (UUID group : groupIds) {
            jdbc.sql("INSERT INTO user_sim_group (organization_id, user_id, group_id) VALUES (:org, :u, :g)")
                    .param("org", organizationId)
                    .param("u", userId)
                    .param("g", group)
                    .update();
        }
    }

    /**
     * The SIMs of the ICCIDs given that are in scope (a Group user's: in their groups), in ICCID order; an ICCID
     * outside the scope is simply not among them.
     */
    List<SimCard> findAll(TenantScope scope, List<String> iccids) {
        Where w = where(scope, SimFilter.none(null));
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_card" + w.sql
                        + " AND iccid_length = ANY(:lengths) AND iccid = ANY(:iccids) ORDER BY iccid_length, iccid")
                .params(w.params)
                .param("lengths", iccids.stream().map(String::length).distinct().toArray(Integer[]::new))
                .param("iccids", iccids.toArray(String[]::new))
                .query(SimCardRepository::map)
                .list();
    }

    /** Sortable columns of the groups page. */
    static final io.iotconsole.shared.SortColumns GROUP_SORTS =
            io.iotconsole.shared.SortColumns.of("name", "g.id", "name", "lower(g.name)", "sims", "sims");

    /** One page of the groups in scope, with their SIM counts, and how many there are in all. */
    io.iotconsole.shared.PageResult<Group> groupPage(
            TenantScope scope, io.iotconsole.shared.SortColumns.Sort sort, int page, int size) {
        UUID me = scope.groupUserId();
        String mine = me == null ? "" : " AND g.id IN (SELECT group_id FROM user_sim_group WHERE user_id = :me)";
        String where = " WHERE " + scope.where("g.organization_id") + mine;
        List<Group> items = jdbc.sql("SELECT g.id, g.organization_id, g.name, (SELECT count(*) FROM sim_card s"
                        + " WHERE s.group_id = g.id AND s.organization_id = g.organization_id) AS sims"
                        + " FROM sim_group g" + where + " ORDER BY " + sort.orderBy() + " LIMIT :limit OFFSET :offset")
                .params(scope.parameters())
                .param("me", me)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new Group(
                        rs.getObject("id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getString("name"),
                        rs.getLong("sims")))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM sim_group g" + where)
                .params(scope.parameters())
                .param("me", me)
                .query(Long.class)
                .single();
        return new io.iotconsole.shared.PageResult<>(items, total, page, size);
    }

    Map<SimState, Long> countByState(TenantScope scope) {
        Where w = where(scope, SimFilter.none(null));
        Map<SimState, Long> counts = new java.util.EnumMap<>(SimState.class);
        for (SimState state : SimState.values()) {
            counts.put(state, 0L);
        }
        jdbc.sql("SELECT state, count(*) AS n FROM sim_card" + w.sql + " GROUP BY state")
                .params(w.params)
                .query((rs, n) -> counts.put(SimState.valueOf(rs.getString("state")), rs.getLong("n")))
                .list();
        return counts;
    }

    SimUsage usage(TenantScope scope, int top) {
        Where w = where(scope, SimFilter.none(null));
        List<SimUsage.Top> most = jdbc.sql("SELECT iccid, label, data_used_mb, monthly_limit_mb FROM sim_card" + w.sql
                        + " AND data_used_mb > 0 ORDER BY data_used_mb DESC, iccid LIMIT :top")
                .params(w.params)
                .param("top", top)
                .query((rs, n) -> new SimUsage.Top(
                        rs.getString("iccid"), rs.getString("label"), rs.getLong("data_used_mb"), (Integer)
                                rs.getObject("monthly_limit_mb")))
                .list();
        return jdbc.sql(
                        "SELECT coalesce(sum(data_used_mb), 0) AS total, count(*) FILTER (WHERE data_used_mb > 0) AS using,"
                                + " count(*) FILTER (WHERE monthly_limit_mb > 0 AND data_used_mb * 5 >= monthly_limit_mb * 4)"
                                + " AS near FROM sim_card" + w.sql)
                .params(w.params)
                .query((rs, n) -> new SimUsage(rs.getLong("total"), rs.getLong("using"), rs.getLong("near"), most))
                .single();
    }

    /** SIM actions sent to the network and not answered yet. */
    @Unscoped("deleting a sub-organisation, checked with organisation.delete")
    long runningNetworkRequests(UUID organizationId) {
        return jdbc.sql("SELECT count(*) FROM network_request WHERE organization_id = :org AND completed_at IS NULL")
                .param("org", organizationId)
                .query(Long.class)
                .single();
    }

    @Unscoped("deleting a sub-organisation, checked with organisation.delete")
    void deleteGroupsOf(UUID organizationId) {
        jdbc.sql("WITH ungrouped AS (UPDATE sim_card SET group_id = NULL"
                        + " WHERE organization_id = :org AND group_id IS NOT NULL)"
                        + " DELETE FROM sim_group WHERE organization_id = :org")
                .param("org", organizationId)
                .update();
    }

    private record Where(String sql, Map<String, Object> params) {}

    private static Where where(TenantScope scope, SimFilter f) {
        StringBuilder sql = new StringBuilder(" WHERE " + scope.where("organization_id"));
        Map<String, Object> params = new HashMap<>(scope.parameters());
        if (scope.groupUserId() != null) {
            sql.append(" AND group_id IN (SELECT group_id FROM user_sim_group WHERE user_id = :me)");
            params.put("me", scope.groupUserId());
        }
        List<String> searched = new ArrayList<>();
        contains(sql, searched, params, "iccid", "LIKE", f.iccid());
        contains(sql, searched, params, "imsi", "LIKE", f.imsi());
        contains(sql, searched, params, "msisdn", "LIKE", f.msisdn());
        contains(sql, searched, params, "label", "ILIKE", f.label());
        if (!searched.isEmpty()) {
            sql.append(" AND (iccid_length, iccid) IN (SELECT length(iccid), iccid FROM sim_search WHERE ")
                    .append(String.join(" AND ", searched))
                    .append(")");
        }
        SimState state = f.stateOrNull();
        if (state != null) {
            sql.append(" AND state = :state");
            params.put("state", state.name());
        }
        if (f.groupId() != null) {
            sql.append(" AND group_id = :group");
            params.put("group", f.groupId());
        }
        return new Where(sql.toString(), params);
    }

    /**
     * Any part of the value. From three characters on, a trigram index of {@code sim_search} finds the SIMs (the
     * values are kept there, apart from the owner a transfer rewrites); shorter values have no trigram to look up
     * and are matched on the SIM's own row.
     */
    private static void contains(
            StringBuilder sql,
            List<String> searched,
            Map<String, Object> params,
            String column,
            String operator,
            @Nullable String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String condition = column + " " + operator + " :" + column;
        params.put(column, "%" + like(value.strip()) + "%");
        if (value.strip().length() >= 3) {
            searched.add(condition);
        } else {
            sql.append(" AND ").append(condition);
        }
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static SimCard map(ResultSet rs, int row) throws SQLException {
        return new SimCard(
                rs.getObject("organization_id", UUID.class),
                rs.getString("iccid"),
                rs.getString("imsi"),
                rs.getString("msisdn"),
                rs.getString("imei"),
                rs.getBoolean("imei_lock"),
                rs.getString("label"),
                SimState.valueOf(rs.getString("state")),
                rs.getObject("monthly_limit_mb", Integer.class),
                rs.getObject("auto_top_up_mb", Integer.class),
                rs.getLong("data_used_mb"),
                rs.getObject("group_id", UUID.class),
                rs.getTimestamp("created_at").toInstant());
    }
}
