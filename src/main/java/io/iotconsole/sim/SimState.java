package io.iotconsole.sim;

public enum SimState {
    ACTIVE,
    DEACTIVATED,
    SUSPENDED
}
