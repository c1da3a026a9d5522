package io.iotconsole.sim;

import io.iotconsole.shared.ConflictException;

/** The mobile network refused a SIM action, with its reason; nothing was changed (answers 409). */
public class NetworkRefusedException extends ConflictException {
    private final String reason;

    public NetworkRefusedException(String reason) {
        super("The network refused: " + reason + ". Nothing was changed.");
        this.reason = reason;
    }

    /** The network's own words. */
    public String reason() {
        return reason;
    }
}
