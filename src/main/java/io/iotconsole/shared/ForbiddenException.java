package io.iotconsole.shared;

/** The caller's role may not take this action on this object (answers 403). */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
