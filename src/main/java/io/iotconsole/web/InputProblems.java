package io.iotconsole.web;

import io.iotconsole.shared.InvalidInputException.FieldProblem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Input that could not even be read, said in the words of the field it concerns: JSON that is malformed (where), not
 * UTF-8, of the wrong type ({@code quantity}: "Expected a whole number, not text"), an unknown field; a query or path
 * parameter that is not what it should be ({@code organizationId}: "Expected an id (UUID), not 'x'").
 */
final class InputProblems {
    static final String BODY = "body";
    private static final Pattern FOUND = Pattern.compile(
            "(?:Cannot coerce|from) (Integer|Floating-point|Float|Boolean|String|Object|Array|Null) value");

    private InputProblems() {}

    /** A JSON body that could not be read. */
    static List<FieldProblem> unreadable(HttpMessageNotReadableException e) {
        JacksonException json = cause(e, JacksonException.class);
        if (json == null) {
            String message = e.getMessage();
            if (message != null && message.startsWith("Required request body is missing")) {
                return List.of(new FieldProblem(BODY, "Required: send a JSON object"));
            }
            return List.of(new FieldProblem(BODY, "Not readable as JSON"));
        }
        String field = path(json);
        String original = json.getOriginalMessage();
        if (json instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            return List.of(new FieldProblem(
                    field,
                    "Unknown field"
                            + (known == null || known.isEmpty()
                                    ? ""
                                    : "; the fields are "
                                            + known.stream()
                                                    .map(String::valueOf)
                                                    .sorted()
                                                    .collect(Collectors.joining(", ")))));
        }
        if (json instanceof InvalidFormatException f) {
            return List.of(new FieldProblem(
                    field, "Expected " + expected(f.getTargetType()) + ", not " + given(f.getValue(), original)));
        }
        if (json instanceof MismatchedInputException m) {
            if (original.startsWith("No content to map")) {
                return List.of(new FieldProblem(BODY, "Required: send a JSON object"));
            }
            String found = found(original);
            return List.of(new FieldProblem(
                    field, "Expected " + expected(m.getTargetType()) + (found == null ? "" : ", not " + found)));
        }
        if (json instanceof InputCoercionException c) {
            return List.of(new FieldProblem(field, "Out of range: expected " + expected(c.getTargetType())));
        }
        if (json instanceof StreamReadException) {
            String where = where(json.getLocation());
            if (original.contains("UTF-8") || original.contains("UTF8") || original.contains("Invalid UTF")) {
                return List.of(new FieldProblem(field, "Not UTF-8 text" + where));
            }
            return List.of(new FieldProblem(field, "Not valid JSON" + where + ": " + firstLine(original)));
        }
        return List.of(new FieldProblem(field, firstLine(original)));
    }

    /** A query, path or form parameter that could not be converted to its type. */
    static FieldProblem mismatch(TypeMismatchException e) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        return new FieldProblem(
                name == null ? "parameter" : name,
                "Expected " + expected(e.getRequiredType()) + ", not " + given(e.getValue(), ""));
    }

    /** Fields of a bound object (a page's filters) that could not be converted. */
    static List<FieldProblem> binding(BindingResult result) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : result.getFieldErrors()) {
            TypeMismatchException mismatch =
                    error.contains(TypeMismatchException.class) ? error.unwrap(TypeMismatchException.class) : null;
            problems.add(
                    mismatch != null
                            ? new FieldProblem(
                                    error.getField(),
                                    "Expected " + expected(mismatch.getRequiredType()) + ", not "
                                            + given(error.getRejectedValue(), ""))
                            : new FieldProblem(
                                    error.getField(),
                                    error.getDefaultMessage() == null ? "Invalid" : error.getDefaultMessage()));
        }
        if (problems.isEmpty()) {
            result.getGlobalErrors()
                    .forEach(g -> problems.add(new FieldProblem(
                            g.getObjectName(), g.getDefaultMessage() == null ? "Invalid" : g.getDefaultMessage())));
        }
        return problems;
    }

    /** What a value of the type looks like, as a person would say it. */
    static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "text";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "an id (UUID)";
        }
        if (type == LocalDate.class) {
            return "a date like 2026-11-24";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name())
                            .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    /** {@code owner.email}, {@code ranges[0].first}; the whole body when the problem is not in a field. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? BODY : path.toString();
    }

    private static String where(@Nullable TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return location == null || location.getByteOffset() < 0 ? "" : " at byte " + (location.getByteOffset() + 1);
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static @Nullable String found(String message) {
        Matcher m = FOUND.matcher(message);
        if (!m.find()) {
            return null;
        }
        return switch (m.group(1)) {
            case "Integer", "Float", "Floating-point" -> "a number";
            case "Boolean" -> "true or false";
            case "String" -> "text";
            case "Object" -> "an object";
            case "Array" -> "a list";
            default -> "null";
        };
    }

    private static String given(@Nullable Object value, String message) {
        if (value == null) {
            String found = found(message);
            return found == null ? "this value" : found;
        }
        if (value instanceof String s) {
            String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
            return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "true or false";
        }
        return "this value";
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static <T extends Throwable> @Nullable T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
