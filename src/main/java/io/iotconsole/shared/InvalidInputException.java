package io.iotconsole.shared;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Input that breaks one or more rules; each problem names its field (or row and column). */
public class InvalidInputException extends RuntimeException {
    private final List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super(
                problems.isEmpty()
                        ? "Invalid input"
                        : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    private static String describe(FieldProblem p) {
        return (p.row() == null ? "" : "row " + p.row() + ", ") + p.field() + ": " + p.message();
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** For a form: each field's message (a field with several problems gets them joined with "; "). */
    public java.util.Map<String, String> byField() {
        return problems.stream()
                .collect(java.util.stream.Collectors.toMap(
                        FieldProblem::field, FieldProblem::message, (a, b) -> a + "; " + b));
    }

    /** A field's problem; for an uploaded file, {@code row} is the line (the header is row 1) and field the column. */
    public record FieldProblem(
            String field, String message, @Nullable Integer row) {
        public FieldProblem(String field, String message) {
            this(field, message, null);
        }

        public static FieldProblem atRow(int row, String column, String message) {
            return new FieldProblem(column, message, row);
        }

        /** The API's shape: {field, message}, or for a file {row, column, message}, in that order. */
        public java.util.Map<String, Object> asJson() {
            java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
            if (row != null) {
                json.put("row", row);
                json.put("column", field);
            } else {
                json.put("field", field);
            }
            json.put("message", message);
            return json;
        }
    }
}
