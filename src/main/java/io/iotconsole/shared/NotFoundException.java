package io.iotconsole.shared;

/** The object does not exist, or it belongs to another organisation: both answer the same 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super(what + " not found");
    }
}
