package io.iotconsole.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SimOrderRepository {
    private static final String COLUMNS = "id, organization_id, number, quantity, status, unit_price, currency, "
            + "placed_by, placed_at, closed_by, closed_at, first_iccid, last_iccid";
    private final JdbcClient jdbc;

    SimOrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts an OPEN order with the organisation's next number, taken from its counter row in the same statement:
     * a parallel order of the organisation waits for this transaction on that row and then takes the number after,
     * and a rolled-back order gives its number back, so numbers are unique and gapless.
     */
    void insert(UUID id, UUID organizationId, int quantity, BigDecimal unitPrice, String currency, String by) {
        jdbc.sql("""
                        WITH next AS (
                            INSERT INTO organization_counter AS c (organization_id, name, value) VALUES (:org, 'order', 1)
                            ON CONFLICT (organization_id, name) DO UPDATE SET value = c.value + 1
                            RETURNING value)
                        INSERT INTO sim_order (id, organization_id, number, quantity, status, unit_price, currency, placed_by)
                        SELECT :id, :org, next.value, :quantity, 'OPEN', :price, :currency, :by FROM next""")
                .param("id", id)
                .param("org", organizationId)
                .param("quantity", quantity)
                .param("price", unitPrice)
                .param("currency", currency)
                .param("by", by)
                .update();
    }

    /** An order of one of the organisations (any organisation's when {@code organizationIds} is null). */
    Optional<SimOrder> find(@Nullable List<UUID> organizationIds, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_order WHERE id = :id"
                        + (organizationIds == null ? "" : " AND organization_id = ANY(:orgs)"))
                .param("id", id)
                .param("orgs", organizationIds == null ? null : organizationIds.toArray(UUID[]::new))
                .query(SimOrderRepository::map)
                .optional();
    }

    /** Newest first; {@code organizationId} null lists every organisation's (the operator's view). */
    List<SimOrder> list(@Nullable UUID organizationId, @Nullable OrderStatus status, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_order" + where(organizationId, status)
                        + " ORDER BY placed_at DESC, number DESC OFFSET :offset LIMIT :limit")
                .param("org", organizationId)
                .param("status", status == null ? null : status.name())
                .param("offset", offset)
                .param("limit", limit)
                .query(SimOrderRepository::map)
                .list();
    }

    long count(@Nullable UUID organizationId, @Nullable OrderStatus status) {
        return jdbc.sql("SELECT count(*) FROM sim_order" + where(organizationId, status))
                .param("org", organizationId)
                .param("status", status == null ? null : status.name())
                .query(Long.class)
                .single();
    }

    private static String where(@Nullable UUID organizationId, @Nullable OrderStatus status) {
        String where = " WHERE true";
        if (organizationId != null) {
            where += " AND organization_id = :org";
        }
        if (status != null) {
            where += " AND status = :status";
        }
        return where;
    }

    /** Closes an OPEN order; answers false when it was no longer open (closed by someone else meanwhile). */
    boolean close(
            UUID organizationId,
            UUID id,
            OrderStatus status,
            String by,
            @Nullable String firstIccid,
            @Nullable String lastIccid) {
        return jdbc.sql("""
                        UPDATE sim_order SET status = :status, closed_by = :by, closed_at = now(),
                               first_iccid = :first, last_iccid = :last
                        WHERE organization_id = :org AND id = :id AND status = 'OPEN'""")
                        .param("status", status.name())
                        .param("by", by)
                        .param("first", firstIccid)
                        .param("last", lastIccid)
                        .param("org", organizationId)
                        .param("id", id)
                        .update()
                == 1;
    }

    /** The order, locked until the transaction ends, so two operators cannot both close it. */
    Optional<SimOrder> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_order WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(SimOrderRepository::map)
                .optional();
    }

    void deleteClosed(UUID organizationId) {
        jdbc.sql("DELETE FROM sim_order WHERE organization_id = :org AND status <> 'OPEN'")
                .param("org", organizationId)
                .update();
    }

    List<SimOrder> open(UUID organizationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sim_order WHERE organization_id = :org AND status = 'OPEN'"
                        + " ORDER BY number")
                .param("org", organizationId)
                .query(SimOrderRepository::map)
                .list();
    }

    private static SimOrder map(ResultSet rs, int row) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new SimOrder(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getInt("number"),
                rs.getInt("quantity"),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("unit_price"),
                rs.getString("currency"),
                rs.getString("placed_by"),
                rs.getTimestamp("placed_at").toInstant(),
                rs.getString("closed_by"),
                closed == null ? null : closed.toInstant(),
                rs.getString("first_iccid"),
                rs.getString("last_iccid"));
    }
}
