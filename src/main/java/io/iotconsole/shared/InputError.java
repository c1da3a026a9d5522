package io.iotconsole.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One problem of invalid input as the API writes it in {@code errors} (and in upload and transfer reports): the
 * {@code field}, or for a file the {@code row} (the header is row 1) and {@code column}; and the message.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputError(
        @Nullable String field,
        @Nullable Integer row,
        @Nullable String column,
        String message) {

    public static InputError of(InvalidInputException.FieldProblem p) {
        return p.row() == null
                ? new InputError(p.field(), null, null, p.message())
                : new InputError(null, p.row(), p.field(), p.message());
    }
}
