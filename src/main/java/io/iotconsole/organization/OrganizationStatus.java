package io.iotconsole.organization;

/** PENDING until the first Owner has set a password, then ACTIVE. */
public enum OrganizationStatus {
    PENDING,
    ACTIVE
}
