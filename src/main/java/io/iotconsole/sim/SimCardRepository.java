package io.iotconsole.sim;

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
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;

    SimCardRepository(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setReadOnly(true);
    }

    /** The caller's view: their organisation, narrowed to some groups for a Group user ({@code groups} non-null). */
    record Scope(UUID organizationId, @Nullable UUID userIdForGroups) {}

    List<String> existingIccids(List<String> iccids) {
        List<String> known = new ArrayList<>();
        for (int i = 0; i < iccids.size(); i += 10_000) {
            String[] chunk =
                    iccids.subList(i, Math.min(iccids.size(), i + 10_000)).toArray(String[]::new);
            known.addAll(jdbc.sql("SELECT iccid FROM sim_card WHERE iccid = ANY(:iccids)")
                    .param("iccids", chunk)
                    .query(String.class)
                    .list());
        }
        return known;
    }

    void insertAll(UUID organizationId, List<SimImports.Row> rows) {
        addToCount(organizationId, rows.size());
        batch.batchUpdate(
                "INSERT INTO sim_card (organization_id, iccid, imsi, msisdn) VALUES (?, ?, ?, ?)",
                rows,
                1000,
                (ps, row) -> {
                    ps.setObject(1, organizationId);
                    ps.setString(2, row.iccid());
                    ps.setString(3, row.imsi());
                    ps.setString(4, row.msisdn());
                });
    }

    Optional<SimCard> find(Scope scope, String iccid) {
        Where w = where(scope, SimFilter.none(null));
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_card" + w.sql + " AND iccid = :iccid")
                .params(w.params)
                .param("iccid", iccid)
                .query(SimCardRepository::map)
                .optional();
    }

    long count(Scope scope, SimFilter filter) {
        if (scope.userIdForGroups() == null && filter.isEmpty()) {
            return countByOrganization(List.of(scope.organizationId())).getOrDefault(scope.organizationId(), 0L);
        }
        Where w = where(scope, filter);
        return jdbc.sql("SELECT count(*) FROM sim_card" + w.sql)
                .params(w.params)
                .query(Long.class)
                .single();
    }

    List<SimCard> find(Scope scope, SimFilter filter, int offset, int limit) {
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
    void forEach(Scope scope, SimFilter filter, Consumer<? super SimCard> consumer) {
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

    Map<UUID, Long> countByOrganization(List<UUID> organizationIds) {
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("SELECT organization_id, sims AS n FROM sim_count WHERE organization_id = ANY(:orgs)")
                .param("orgs", organizationIds.toArray(UUID[]::new))
                .query((rs, n) -> counts.put(rs.getObject("organization_id", UUID.class), rs.getLong("n")))
                .list();
        return counts;
    }

    /** Keeps {@code sim_count}: called by the stock import and, for both sides, by the transfer. */
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
    void set(SimCard sim, String column, @Nullable Object value) {
        if (!List.of("state", "imei_lock", "label", "monthly_limit_mb", "auto_top_up_mb", "group_id")
                .contains(column)) {
            throw new IllegalArgumentException(column);
        }
        jdbc.sql("UPDATE sim_card SET " + column + " = :value WHERE organization_id = :org AND iccid = :iccid")
                .param("org", sim.organizationId())
                .param("iccid", sim.iccid())
                .param("value", value)
                .update();
    }

    record Group(UUID id, UUID organizationId, String name, long simCount) {}

    List<Group> groups(Scope scope) {
        String mine = scope.userIdForGroups() == null
                ? ""
                : " AND g.id IN (SELECT group_id FROM user_sim_group WHERE user_id = :me)";
        return jdbc.sql(
                        "SELECT g.id, g.organization_id, g.name, (SELECT count(*) FROM sim_card s WHERE s.group_id = g.id"
                                + " AND s.organization_id = g.organization_id) AS sims FROM sim_group g"
                                + " WHERE g.organization_id = :org" + mine + " ORDER BY lower(g.name)")
                .param("org", scope.organizationId())
                .param("me", scope.userIdForGroups())
                .query((rs, n) -> new Group(
                        rs.getObject("id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getString("name"),
                        rs.getLong("sims")))
                .list();
    }

    Optional<Group> group(UUID organizationId, UUID id) {
        return groups(new Scope(organizationId, null)).stream()
                .filter(g -> g.id().equals(id))
                .findFirst();
    }

    /** Answers false when the organisation already has a group of that name (any case). */
    boolean insertGroup(UUID id, UUID organizationId, String name) {
        return jdbc.sql(
                                "INSERT INTO sim_group (id, organization_id, name) VALUES (:id, :org, :name) ON CONFLICT DO NOTHING")
                        .param("id", id)
                        .param("org", organizationId)
                        .param("name", name)
                        .update()
                == 1;
    }

    boolean renameGroup(UUID organizationId, UUID id, String name) {
        return jdbc.sql("UPDATE sim_group SET name = :name WHERE id = :id AND organization_id = :org"
                                + " AND NOT EXISTS (SELECT 1 FROM sim_group o WHERE o.organization_id = :org"
                                + " AND lower(o.name) = lower(:name) AND o.id <> :id)")
                        .param("id", id)
                        .param("org", organizationId)
                        .param("name", name)
                        .update()
                == 1;
    }

    void deleteGroup(UUID organizationId, UUID id) {
        jdbc.sql("DELETE FROM sim_group WHERE id = :id AND organization_id = :org")
                .param("id", id)
                .param("org", organizationId)
                .update();
    }

    void replaceAssignments(UUID organizationId, UUID userId, Set<UUID> groupIds) {
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

    Map<SimState, Long> countByState(Scope scope) {
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

    /** SIM actions sent to the network and not answered yet. */
    long runningNetworkRequests(UUID organizationId) {
        return jdbc.sql("SELECT count(*) FROM network_request WHERE organization_id = :org AND completed_at IS NULL")
                .param("org", organizationId)
                .query(Long.class)
                .single();
    }

    void deleteGroupsOf(UUID organizationId) {
        jdbc.sql("DELETE FROM sim_group WHERE organization_id = :org")
                .param("org", organizationId)
                .update();
    }

    private record Where(String sql, Map<String, Object> params) {}

    private static Where where(Scope scope, SimFilter f) {
        StringBuilder sql = new StringBuilder(" WHERE organization_id = :org");
        Map<String, Object> params = new HashMap<>();
        params.put("org", scope.organizationId());
        if (scope.userIdForGroups() != null) {
            sql.append(
                    " AND group_id IN (SELECT group_id FROM user_sim_group WHERE user_id = :me AND organization_id = :org)");
            params.put("me", scope.userIdForGroups());
        }
        prefix(sql, params, "iccid", f.iccid());
        prefix(sql, params, "imsi", f.imsi());
        prefix(sql, params, "msisdn", f.msisdn());
        if (f.label() != null && !f.label().isBlank()) {
            sql.append(" AND label ILIKE :label");
            params.put("label", "%" + like(f.label().strip()) + "%");
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

    private static void prefix(StringBuilder sql, Map<String, Object> params, String column, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND ").append(column).append(" LIKE :").append(column);
            params.put(column, like(value.strip()) + "%");
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
