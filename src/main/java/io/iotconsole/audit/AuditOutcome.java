package io.iotconsole.audit;

public enum AuditOutcome {
    SUCCESS,
    FAILURE,
    DENIED
}
