package io.iotconsole.shared;

import io.iotconsole.shared.InvalidInputException.FieldProblem;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for text that reaches the console: not longer than its column, no NUL or other control characters
 * (line breaks and tabs only where a field takes several lines), no broken UTF-16 (a lone surrogate). Applied to
 * every field of a request record, by name ({@code owner.email}, {@code ranges[0].first}), and to single values.
 */
public final class TextFields {
    /** The limit of a text field that names none: an e-mail address's length. */
    public static final int DEFAULT_MAX = 254;

    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Component[] result = new Component[components.length];
            for (int i = 0; i < components.length; i++) {
                Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                result[i] = new Component(components[i].getName(), accessor, components[i].getAnnotation(Text.class));
            }
            return result;
        }
    };

    private record Component(
            String name, Method accessor, @Nullable Text rule) {}

    private TextFields() {}

    /**
     * A request whose use case checks every field and answers every problem at once (a form's record): its text
     * problems are added to that answer ({@link #addMissing}) rather than answered alone before it.
     */
    public interface CheckedByUseCase {}

    /** Adds the request's text problems for the fields that have no problem yet. */
    public static void addMissing(@Nullable Object request, List<FieldProblem> problems) {
        for (FieldProblem p : problems(request)) {
            if (problems.stream().noneMatch(q -> q.field().equals(p.field()))) {
                problems.add(p);
            }
        }
    }

    /** What is wrong with the value, or null when it may be stored in a column of {@code max} characters. */
    public static @Nullable String problem(String value, int max, boolean lines) {
        if (value.length() > max && value.codePointCount(0, value.length()) > max) {
            return "Must be at most " + max + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                if (!lines) {
                    return c == '\t' ? "Contains a tab; use spaces" : "Must be one line";
                }
            } else if (Character.isISOControl(c)) {
                return "Contains control characters";
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "Contains an invalid character (a lone UTF-16 surrogate)";
            }
        }
        return null;
    }

    /** Every text problem in a request: a record's fields, nested records and lists, named by their path. */
    public static List<FieldProblem> problems(@Nullable Object request) {
        List<FieldProblem> out = new ArrayList<>();
        walk("", request, null, out, 0);
        return out;
    }

    /** Throws with every text problem of the request, before anything else looks at it. */
    public static void check(@Nullable Object request) {
        List<FieldProblem> problems = problems(request);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static void walk(
            String path, @Nullable Object value, @Nullable Text rule, List<FieldProblem> out, int depth) {
        if (value == null || depth > 8) {
            return;
        }
        if (value instanceof String s) {
            String problem = rule == null ? problem(s, DEFAULT_MAX, false) : problem(s, rule.max(), rule.lines());
            if (problem != null) {
                out.add(new FieldProblem(path.isEmpty() ? "body" : path, problem));
            }
        } else if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                walk(path + "[" + i++ + "]", element, rule, out, depth + 1);
            }
        } else if (value.getClass().isRecord()) {
            for (Component c : COMPONENTS.get(value.getClass())) {
                walk(path.isEmpty() ? c.name() : path + "." + c.name(), read(c, value), c.rule(), out, depth + 1);
            }
        }
    }

    private static @Nullable Object read(Component c, Object record) {
        try {
            return c.accessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + c.name(), e);
        }
    }
}
