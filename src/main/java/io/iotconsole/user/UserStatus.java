package io.iotconsole.user;

public enum UserStatus {
    /** Created; the activation mail is out; cannot sign in yet. */
    INVITED,
    /** Can sign in. */
    ACTIVE,
    /** Deactivated: cannot sign in, and every session and token issued before is dead for good. */
    INACTIVE
}
