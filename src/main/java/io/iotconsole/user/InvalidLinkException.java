package io.iotconsole.user;

import io.iotconsole.shared.InvalidInputException;
import java.util.List;

/** An activation or reset link that is unknown, used or expired; the page says which and offers nothing else. */
public class InvalidLinkException extends InvalidInputException {
    public InvalidLinkException(String message) {
        super(List.of(new FieldProblem("token", message)));
    }
}
