package io.iotconsole.security;

import java.util.Optional;

/**
 * Implemented by the module that owns API users: an API user's previous secret keeps working after a rotation until
 * its grace ends. Asked only when the current secret did not match.
 */
public interface RotatedSecrets {
    /** The API user whose previous secret, still in its grace, this is; empty otherwise. */
    Optional<ConsoleUser> matchPrevious(String clientId, String secret);
}
