package io.iotconsole.sim;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the console asks of the mobile network for one SIM. Every SIM action goes through here, once per action, and
 * the network answers: accepted, or refused with its reason (and then it changed nothing). The shipped
 * implementation is {@link SimulatedNetwork}, which records each request and answers as a network would.
 */
public interface Network {
    /** The network's answer, shown to the user and kept in the audit log; when refused, the message is the reason. */
    record Answer(boolean accepted, String message) {
        public static Answer accepted(String message) {
            return new Answer(true, message);
        }

        public static Answer refused(String reason) {
            return new Answer(false, reason);
        }
    }

    /**
     * The settings of one SIM changed in one request, carried out as a whole or refused as a whole; a null field is
     * left as it is. {@code monthlyLimitMb} 0 removes the limit, {@code autoTopUpMb} 0 turns auto top-up off (the
     * megabytes the network adds by itself whenever the SIM reaches its monthly limit). {@code imei} is the device the
     * lock binds to; a lock without one binds to the device the SIM is in (or attaches from next).
     */
    record Change(
            @Nullable SimState state,
            @Nullable Boolean imeiLock,
            @Nullable String imei,
            @Nullable Integer monthlyLimitMb,
            @Nullable Integer autoTopUpMb) {
        public boolean isEmpty() {
            return state == null && imeiLock == null && monthlyLimitMb == null && autoTopUpMb == null;
        }
    }

    Answer change(UUID organizationId, String iccid, Change change);

    Answer resetConnectivity(UUID organizationId, String iccid);

    Answer sendSms(UUID organizationId, String iccid, String text);

    Answer topUp(UUID organizationId, String iccid, int megabytes);
}
