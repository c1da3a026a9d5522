package io.iotconsole.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The network simulator: no mobile network is reached. Each accepted request is written to {@code network_request}
 * in the caller's transaction and answered at once. It refuses, writing nothing, what a network refuses:
 *
 * <ul>
 *   <li>any request for a SIM while an earlier request for it is still unanswered ({@code completed_at} empty; a
 *       network works on one request per SIM at a time; the simulator itself answers at once, so such a request
 *       comes from elsewhere, for example a real network's implementation sharing the table);
 *   <li>an SMS to, or a connectivity reset of, a DEACTIVATED SIM: it has no subscription on the network to reach.
 * </ul>
 */
@Component
class SimulatedNetwork implements Network {
    private final JdbcClient jdbc;

    SimulatedNetwork(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Answer change(UUID organizationId, String iccid, Change change) {
        Optional<Answer> refused = busy(organizationId, iccid);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<String> done = new ArrayList<>();
        if (change.state() != null) {
            done.add(record(
                    organizationId, iccid, "CHANGE_STATE", change.state().name(), "State is now " + change.state()));
        }
        if (change.imeiLock() != null) {
            boolean locked = change.imeiLock();
            done.add(record(
                    organizationId,
                    iccid,
                    "IMEI_LOCK",
                    locked + (change.imei() == null ? "" : " " + change.imei()),
                    locked
                            ? "IMEI lock set" + (change.imei() == null ? "" : " to " + change.imei())
                            : "IMEI lock cleared"));
        }
        if (change.monthlyLimitMb() != null) {
            Integer limit = change.monthlyLimitMb() == 0 ? null : change.monthlyLimitMb();
            done.add(record(
                    organizationId,
                    iccid,
                    "MONTHLY_LIMIT",
                    String.valueOf(limit),
                    limit == null ? "Monthly limit removed" : "Monthly limit set to " + limit + " MB"));
        }
        if (change.autoTopUpMb() != null) {
            Integer mb = change.autoTopUpMb() == 0 ? null : change.autoTopUpMb();
            done.add(record(
                    organizationId,
                    iccid,
                    "AUTO_TOP_UP",
                    String.valueOf(mb),
                    mb == null ? "Auto top-up turned off" : "Auto top-up set to " + mb + " MB"));
        }
        return Answer.accepted(String.join("; ", done));
    }

    @Override
    public Answer resetConnectivity(UUID organizationId, String iccid) {
        Optional<Answer> refused =
                busy(organizationId, iccid).or(() -> deactivated(organizationId, iccid, "has no connection to reset"));
        return refused.orElseGet(() ->
                Answer.accepted(record(organizationId, iccid, "RESET_CONNECTIVITY", null, "Connectivity reset done")));
    }

    @Override
    public Answer sendSms(UUID organizationId, String iccid, String text) {
        Optional<Answer> refused =
                busy(organizationId, iccid).or(() -> deactivated(organizationId, iccid, "cannot receive an SMS"));
        return refused.orElseGet(() -> Answer.accepted(record(organizationId, iccid, "SEND_SMS", text, "SMS sent")));
    }

    @Override
    public Answer topUp(UUID organizationId, String iccid, int megabytes) {
        return busy(organizationId, iccid)
                .orElseGet(() -> Answer.accepted(record(
                        organizationId,
                        iccid,
                        "TOP_UP",
                        String.valueOf(megabytes),
                        "Topped up by " + megabytes + " MB")));
    }

    private Optional<Answer> busy(UUID organizationId, String iccid) {
        return jdbc.sql("""
                        SELECT id FROM network_request
                        WHERE organization_id = :org AND iccid = :iccid AND completed_at IS NULL
                        ORDER BY id LIMIT 1""")
                .param("org", organizationId)
                .param("iccid", iccid)
                .query(Long.class)
                .optional()
                .map(id -> Answer.refused(
                        "Request " + id + " for this SIM is still in progress; try again once it is answered"));
    }

    private Optional<Answer> deactivated(UUID organizationId, String iccid, String what) {
        return jdbc.sql("SELECT state FROM sim_card WHERE organization_id = :org AND " + SimCardRepository.ONE_SIM)
                .param("org", organizationId)
                .param("iccid", iccid)
                .query(String.class)
                .optional()
                .filter(state -> state.equals(SimState.DEACTIVATED.name()))
                .map(state -> Answer.refused("The SIM is DEACTIVATED: it " + what));
    }

    private String record(UUID organizationId, String iccid, String action, @Nullable String payload, String answer) {
        jdbc.sql("""
                        INSERT INTO network_request (organization_id, iccid, action, payload, answer, completed_at)
                        VALUES (:org, :iccid, :action, :payload, :answer, now())""")
                .param("org", organizationId)
                .param("iccid", iccid)
                .param("action", action)
                .param("payload", payload)
                .param("answer", answer)
                .update();
        return answer;
    }
}
