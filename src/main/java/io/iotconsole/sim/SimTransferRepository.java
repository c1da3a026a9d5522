package io.iotconsole.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of SIM transfers. A range covers the SIMs whose ICCID has the range's length and lies between FIRST and
 * LAST; {@code sim_card_org_iccid_ix} answers that as one index range scan per range.
 */
@Repository
class SimTransferRepository {
    private static final String RANGES =
            "unnest(CAST(:lines AS int[]), CAST(:firsts AS text[]), CAST(:lasts AS text[]))"
                    + " AS r(line, first, last)";
    private static final String COVERS = "length(s.iccid) = length(r.first) AND s.iccid BETWEEN r.first AND r.last";
    private final JdbcClient jdbc;

    SimTransferRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per range (by line), how many SIMs of these organisations it covers. */
    Map<Integer, Long> countPerRange(List<UUID> organizationIds, List<TransferRanges.Range> ranges) {
        Map<Integer, Long> counts = new HashMap<>();
        if (organizationIds.isEmpty() || ranges.isEmpty()) {
            return counts;
        }
        jdbc.sql("SELECT r.line, count(s.iccid) FROM " + RANGES + " JOIN sim_card s ON s.organization_id = ANY(:orgs)"
                        + " AND " + COVERS + " GROUP BY r.line")
                .param("orgs", organizationIds.toArray(UUID[]::new))
                .params(arrays(ranges))
                .query((rs, i) -> counts.put(rs.getInt(1), rs.getLong(2)))
                .list();
        return counts;
    }

    /**
     * Gives the covered SIMs of {@code from} to {@code to}. Their group and label were the old owner's way of
     * arranging its stock and are cleared. Answers, per range (by line), how many SIMs moved.
     */
    Map<Integer, Long> move(UUID from, UUID to, List<TransferRanges.Range> ranges) {
        Map<Integer, Long> counts = new HashMap<>();
        jdbc.sql("WITH moved AS (UPDATE sim_card s SET organization_id = :to, group_id = NULL, label = NULL FROM "
                        + RANGES + " WHERE s.organization_id = :from AND " + COVERS + " RETURNING r.line)"
                        + " SELECT line, count(*) FROM moved GROUP BY line")
                .param("from", from)
                .param("to", to)
                .params(arrays(ranges))
                .query((rs, i) -> counts.put(rs.getInt(1), rs.getLong(2)))
                .list();
        return counts;
    }

    private static Map<String, Object> arrays(List<TransferRanges.Range> ranges) {
        return Map.of(
                "lines", ranges.stream().map(TransferRanges.Range::line).toArray(Integer[]::new),
                "firsts", ranges.stream().map(TransferRanges.Range::first).toArray(String[]::new),
                "lasts", ranges.stream().map(TransferRanges.Range::last).toArray(String[]::new));
    }
}
