package io.iotconsole.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Query parameters read by hand on the API's busiest lists (reflective binding costs them dearly). */
public final class QueryParameters {
    private QueryParameters() {}

    /** The id in the parameter, null when it is absent or blank; a 400 naming the parameter when it is not an id. */
    public static @Nullable UUID uuid(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(name, "Not an id");
        }
    }
}
