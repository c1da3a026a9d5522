package io.iotconsole.onboarding;

import org.jspecify.annotations.Nullable;

/** The sign-up page's form. */
record SignupRequest(
        @Nullable String name,
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String email) {
    NewOrganization toNewOrganization() {
        return new NewOrganization(name, null, null, null, null, new NewOrganization.Owner(firstName, lastName, email));
    }
}
