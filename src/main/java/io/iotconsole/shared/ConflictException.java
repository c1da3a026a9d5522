package io.iotconsole.shared;

/** The request is well-formed but the object's current state does not allow it (answers 409). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
