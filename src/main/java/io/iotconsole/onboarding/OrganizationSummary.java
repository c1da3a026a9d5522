package io.iotconsole.onboarding;

import io.iotconsole.organization.Organization;
import io.iotconsole.user.User;
import org.jspecify.annotations.Nullable;

/** An organisation as the lists show it: the organisation, its (first) Owner if any, and how many SIMs it owns. */
public record OrganizationSummary(
        Organization organization, @Nullable User owner, long simCount) {}
