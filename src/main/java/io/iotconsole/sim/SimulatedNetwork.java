package io.iotconsole.sim;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The network simulator: no mobile network is reached. Each request is written to {@code network_request} in the
 * caller's transaction and answered the way a network answers a well-formed request: accepted.
 */
@Component
class SimulatedNetwork implements Network {
    private final JdbcClient jdbc;

    SimulatedNetwork(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Answer changeState(UUID organizationId, String iccid, SimState state) {
        return record(organizationId, iccid, "CHANGE_STATE", state.name(), "State is now " + state);
    }

    @Override
    public Answer setImeiLock(UUID organizationId, String iccid, boolean locked, @Nullable String imei) {
        return record(
                organizationId,
                iccid,
                "IMEI_LOCK",
                locked + (imei == null ? "" : " " + imei),
                locked ? "IMEI lock set" : "IMEI lock cleared");
    }

    @Override
    public Answer setMonthlyLimit(UUID organizationId, String iccid, @Nullable Integer limitMb) {
        return record(
                organizationId,
                iccid,
                "MONTHLY_LIMIT",
                String.valueOf(limitMb),
                limitMb == null ? "Monthly limit removed" : "Monthly limit set to " + limitMb + " MB");
    }

    @Override
    public Answer resetConnectivity(UUID organizationId, String iccid) {
        return record(organizationId, iccid, "RESET_CONNECTIVITY", null, "Connectivity reset done");
    }

    @Override
    public Answer sendSms(UUID organizationId, String iccid, String text) {
        return record(organizationId, iccid, "SEND_SMS", text, "SMS sent");
    }

    @Override
    public Answer topUp(UUID organizationId, String iccid, int megabytes) {
        return record(organizationId, iccid, "TOP_UP", String.valueOf(megabytes), "Topped up by " + megabytes + " MB");
    }

    @Override
    public Answer setAutoTopUp(UUID organizationId, String iccid, @Nullable Integer megabytes) {
        return record(
                organizationId,
                iccid,
                "AUTO_TOP_UP",
                String.valueOf(megabytes),
                megabytes == null ? "Auto top-up turned off" : "Auto top-up set to " + megabytes + " MB");
    }

    private Answer record(UUID organizationId, String iccid, String action, @Nullable String payload, String answer) {
        jdbc.sql("""
                        INSERT INTO network_request (organization_id, iccid, action, payload, answer, completed_at)
                        VALUES (:org, :iccid, :action, :payload, :answer, now())""")
                .param("org", organizationId)
                .param("iccid", iccid)
                .param("action", action)
                .param("payload", payload)
                .param("answer", answer)
                .update();
        return new Answer(true, answer);
    }
}
