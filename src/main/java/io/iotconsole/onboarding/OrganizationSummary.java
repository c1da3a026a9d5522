package io.iotconsole.onboarding;

import io.iotconsole.organization.Organization;
import io.iotconsole.user.User;
import org.jspecify.annotations.Nullable;

/** An organisation as the lists show it: the organisation and its (first) Owner, if any. */
public record OrganizationSummary(
        Organization organization, @Nullable User owner) {}
