package io.iotconsole.security;

/**
 * Implemented by the module that owns second factors: what a console user has enrolled, and whether their
 * organisation requires a second factor. The sign-in flow and {@link SecondFactorFilter} ask it.
 */
public interface SecondFactorGate {
    /** Whether the user has a second factor (a confirmed authenticator app or a passkey), and must have one. */
    record Status(boolean enrolled, boolean required) {}

    Status status(ConsoleUser user);

    /** A passkey was just registered in the user's session: for the audit log. */
    void passkeyRegistered(ConsoleUser user);
}
