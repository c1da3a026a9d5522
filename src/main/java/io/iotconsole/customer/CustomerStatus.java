package io.iotconsole.customer;

public enum CustomerStatus {
    ENABLED,
    DISABLED
}
