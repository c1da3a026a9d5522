package io.iotconsole.sim;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the console asks of the mobile network for one SIM. Every SIM action goes through here; the shipped
 * implementation is {@link SimulatedNetwork}, which records each request and answers as a network would.
 */
public interface Network {
    /** The network's answer, shown to the user and kept in the audit log. */
    record Answer(boolean accepted, String message) {}

    Answer changeState(UUID organizationId, String iccid, SimState state);

    Answer setImeiLock(UUID organizationId, String iccid, boolean locked, @Nullable String imei);

    Answer setMonthlyLimit(UUID organizationId, String iccid, @Nullable Integer limitMb);

    Answer resetConnectivity(UUID organizationId, String iccid);

    Answer sendSms(UUID organizationId, String iccid, String text);

    Answer topUp(UUID organizationId, String iccid, int megabytes);

    /** The megabytes the network adds by itself whenever the SIM reaches its monthly limit; null turns it off. */
    Answer setAutoTopUp(UUID organizationId, String iccid, @Nullable Integer megabytes);
}
