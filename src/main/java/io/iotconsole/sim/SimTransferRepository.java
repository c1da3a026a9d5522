package io.iotconsole.sim;

import io.iotconsole.security.TenantScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of SIM transfers. A range covers the SIMs whose ICCID has the range's length and lies between FIRST and
 * LAST; the primary key (organisation, ICCID length, ICCID) answers that as one index range scan per range.
 */
@Repository
class SimTransferRepository {
    private static final String RANGES =
            "unnest(CAST(:lines AS int[]), CAST(:firsts AS text[]), CAST(:lasts AS text[]))"
                    + " AS r(line, first, last)";
    private static final String COVERS = "s.iccid_length = length(r.first) AND s.iccid BETWEEN r.first AND r.last";
    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    SimTransferRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Per range (by line), how many SIMs of these organisations it covers. A subquery per range keeps each count an
     * index range scan whatever the planner believes of the organisations' sizes (its statistics lag behind a
     * transfer that has just moved a million SIMs).
     */
    Map<Integer, Long> countPerRange(TenantScope source, List<TransferRanges.Range> ranges) {
        Map<Integer, Long> counts = new HashMap<>();
        if (ranges.isEmpty()) {
            return counts;
        }
        jdbc.sql("SELECT r.line, (SELECT count(*) FROM sim_card s WHERE s.organization_id = :org AND " + COVERS
                        + ") AS n FROM " + RANGES)
                .param("org", source.organizationId("fromOrganizationId"))
                .params(arrays(ranges))
                .query((rs, i) -> counts.put(rs.getInt(1), rs.getLong(2)))
                .list();
        return counts;
    }

    /**
     * Gives the covered SIMs of {@code from} to {@code to}, one statement per range sent in batches. Their group and
     * label were the old owner's way of arranging its stock and are cleared. Answers, per range (by line), how many
     * SIMs moved.
     */
    Map<Integer, Long> move(TenantScope source, UUID to, List<TransferRanges.Range> ranges) {
        UUID from = source.organizationId("fromOrganizationId");
        // labels first, through the index of labelled SIMs: the move itself then names no searchable column, so the
        // trigger keeping sim_search is not even asked about the SIMs it moves
        jdbc.sql("UPDATE sim_card s SET label = NULL FROM " + RANGES
                        + " WHERE s.organization_id = :org AND s.label IS NOT NULL AND " + COVERS)
                .param("org", from)
                .params(arrays(ranges))
                .update();
        int[][] moved = batch.batchUpdate(
                "UPDATE sim_card SET organization_id = ?, group_id = NULL"
                        + " WHERE organization_id = ? AND iccid_length = ? AND iccid BETWEEN ? AND ?",
                ranges,
                1000,
                (ps, r) -> {
                    ps.setObject(1, to);
                    ps.setObject(2, from);
                    ps.setInt(3, r.first().length());
                    ps.setString(4, r.first());
                    ps.setString(5, r.last());
                });
        Map<Integer, Long> counts = new HashMap<>();
        int i = 0;
        for (int[] chunk : moved) {
            for (int n : chunk) {
                counts.put(ranges.get(i++).line(), (long) n);
            }
        }
        return counts;
    }

    /** A checked range file kept for its preview; files older than {@code keep} go at the same time. */
    @io.iotconsole.security.Unscoped("a file of the organisation the transfer checked the caller for")
    void keepFile(
            UUID id, UUID organizationId, UUID from, UUID to, String ranges, String counts, java.time.Duration keep) {
        releaseExpired(keep);
        jdbc.sql("""
                        INSERT INTO sim_transfer_file (id, organization_id, from_organization_id, to_organization_id,
                            ranges, counts)
                        VALUES (:id, :org, :from, :to, :ranges, :counts)""")
                .param("id", id)
                .param("org", organizationId)
                .param("from", from)
                .param("to", to)
                .param("ranges", ranges)
                .param("counts", counts)
                .update();
    }

    @io.iotconsole.security.Unscoped("every organisation's files past their time")
    void releaseExpired(java.time.Duration keep) {
        jdbc.sql("DELETE FROM sim_transfer_file WHERE created_at < now() - :keep * interval '1 second'")
                .param("keep", keep.toSeconds())
                .update();
    }

    java.util.Optional<KeptFile> findFile(TenantScope scope, UUID id) {
        return jdbc.sql("SELECT from_organization_id, to_organization_id, ranges, counts FROM sim_transfer_file"
                        + " WHERE id = :id AND " + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", id)
                .query((rs, n) -> new KeptFile(
                        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)))
                .optional();
    }

    void releaseFile(TenantScope scope, UUID id) {
        jdbc.sql("DELETE FROM sim_transfer_file WHERE id = :id AND " + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", id)
                .update();
    }

    record KeptFile(UUID from, UUID to, String ranges, String counts) {}

    private static Map<String, Object> arrays(List<TransferRanges.Range> ranges) {
        return Map.of(
                "lines", ranges.stream().map(TransferRanges.Range::line).toArray(Integer[]::new),
                "firsts", ranges.stream().map(TransferRanges.Range::first).toArray(String[]::new),
                "lasts", ranges.stream().map(TransferRanges.Range::last).toArray(String[]::new));
    }
}
