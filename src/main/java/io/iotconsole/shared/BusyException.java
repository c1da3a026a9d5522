package io.iotconsole.shared;

/** The server cannot take this request now and nothing was done; the same request may succeed shortly (503). */
public class BusyException extends RuntimeException {
    public BusyException(String message) {
        super(message);
    }
}
