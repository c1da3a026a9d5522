/**
 * Owns {@code totp_secret}, {@code recovery_code}, {@code second_factor_policy} and the console's view of passkeys
 * ({@code user_entities}, {@code user_credentials}, which Spring Security's WebAuthn support reads and writes):
 * second factors of console sign-in. Enrolment on the profile's security page, the code asked after the password,
 * recovery codes, an organisation's requirement, and resets by whoever manages the user. Implements {@link
 * io.iotconsole.security.SecondFactorGate}. Facade: {@link io.iotconsole.secondfactor.SecondFactors}.
 */
package io.iotconsole.secondfactor;
