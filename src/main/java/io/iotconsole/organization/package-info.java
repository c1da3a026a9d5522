/**
 * Owns {@code organization}: accounts with their 8-digit account numbers, company data and status, and (later)
 * their sub-organisations. Exposes {@link io.iotconsole.organization.Organizations}.
 */
package io.iotconsole.organization;
