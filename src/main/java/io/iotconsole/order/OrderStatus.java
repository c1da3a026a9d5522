package io.iotconsole.order;

public enum OrderStatus {
    /** Placed, waiting for the operator: an open workflow of the organisation. */
    OPEN,
    COMPLETED,
    CANCELLED
}
