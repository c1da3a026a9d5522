package io.iotconsole.security;

import java.util.Optional;
import java.util.UUID;

/** Implemented by the module that owns users: reloads a signed-in user on each request. */
public interface ConsoleUserLookup {
    /**
     * The user as they are now, if they are still active and their credentials have not changed since the
     * session or token was issued; empty otherwise, which ends the session.
     */
    Optional<ConsoleUser> findCurrent(UUID userId, int credentialsVersion);

    /** The user if active with a password set (a passkey signs in such a user only), whatever their version. */
    Optional<ConsoleUser> findActive(UUID userId);
}
