/**
 * Use cases that create an organisation together with its first Owner: the operator's "new organisation" (console
 * and API) and self-service sign-up. Sits above the organisation and user modules and owns no table.
 */
package io.iotconsole.onboarding;
