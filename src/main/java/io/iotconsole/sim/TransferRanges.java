package io.iotconsole.sim;

import io.iotconsole.shared.CsvReader;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.Text;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the ranges of a SIM transfer: a text of {@code FIRST;LAST} lines (a {@code .csv} or {@code .txt} file, or
 * what was typed into the console), or the API's JSON ranges. Every line is checked and every problem named by its
 * line (row); ranges that repeat or overlap another are problems too.
 */
final class TransferRanges {
    static final int MAX_RANGES = 10_000;

    private TransferRanges() {}

    /** One range as given; {@code line} is the file's line, or the position in the JSON list counting from 1. */
    record Range(int line, String first, String last) {
        boolean overlaps(Range other) {
            return first.length() == other.first.length()
                    && first.compareTo(other.last) <= 0
                    && other.first.compareTo(last) <= 0;
        }
    }

    /** The valid ranges and every problem found; {@code json} tells how to name a range's field in a problem. */
    record Parsed(List<Range> ranges, List<FieldProblem> problems, boolean json) {
        FieldProblem problem(Range range, String message) {
            return json
                    ? new FieldProblem("ranges[" + (range.line() - 1) + "].first", message)
                    : FieldProblem.atRow(range.line(), "first", message);
        }
    }

    /** Parses the text of a file or a text box. */
    static Parsed fromText(byte[] text) {
        return fromText(new ByteArrayInputStream(text), () -> {});
    }

    /** Parses a file as it is read; {@code onRow} hears each row read. */
    static Parsed fromText(InputStream text, Runnable onRow) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        try {
            CsvReader.semicolons().read(text, row -> {
                onRow.run();
                int line = row.number();
                if (line == 1
                        && row.size() == 2
                        && row.get(0).equalsIgnoreCase("first")
                        && row.get(1).equalsIgnoreCase("last")) {
                    return true; // an optional header line carries no range
                }
                if (ranges.size() == MAX_RANGES) {
                    problems.add(
                            FieldProblem.atRow(line, "first", "At most " + MAX_RANGES + " ranges in one transfer"));
                    return false;
                }
                if (row.size() > 1 && row.get(row.size() - 1).isEmpty()) {
                    problems.add(
                            FieldProblem.atRow(line, "last", "Trailing ';': write FIRST;LAST (one SIM: ICCID;ICCID)"));
                    return true;
                }
                if (row.size() > 2) {
                    problems.add(FieldProblem.atRow(
                            line, "last", "Expected FIRST;LAST, found " + row.size() + " values separated by ';'"));
                    return true;
                }
                String first = row.get(0);
                // A bare ICCID is taken as one SIM, the same as ICCID;ICCID.
                String last = row.size() == 2 ? row.get(1) : first;
                check(line, "first", "last", first, last, problems).ifPresent(ranges::add);
                return true;
            });
        } catch (CsvReader.UnreadableException e) {
            problems.add(FieldProblem.atRow(e.row(), "first", e.getMessage()));
            return new Parsed(List.of(), problems, false);
        }
        if (ranges.isEmpty() && problems.isEmpty()) {
            problems.add(FieldProblem.atRow(1, "first", "No ranges: give one FIRST;LAST line per range"));
        }
        return withOverlaps(ranges, problems, false);
    }

    /** The API's JSON ranges; a range with no {@code last} is the single SIM {@code first}. */
    static Parsed fromJson(@Nullable List<JsonRange> given) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        if (given == null || given.isEmpty()) {
            problems.add(new FieldProblem("ranges", "Give at least one range {first, last}"));
        } else if (given.size() > MAX_RANGES) {
            problems.add(new FieldProblem("ranges", "At most " + MAX_RANGES + " ranges in one transfer"));
        } else {
            for (int i = 0; i < given.size(); i++) {
                JsonRange r = given.get(i) == null ? new JsonRange(null, null) : given.get(i);
                String first = r.first() == null ? "" : r.first();
                String last = r.last() == null ? first : r.last();
                int position = i + 1;
                List<FieldProblem> own = new ArrayList<>();
                check(position, "first", "last", first, last, own).ifPresent(ranges::add);
                own.forEach(p ->
                        problems.add(new FieldProblem("ranges[" + (position - 1) + "]." + p.field(), p.message())));
            }
        }
        return withOverlaps(ranges, problems, true);
    }

    record JsonRange(
            @Text(max = 22) @Nullable String first,
            @Text(max = 22) @Nullable String last) {}

    private static Optional<Range> check(
            int line, String firstField, String lastField, String firstRaw, String lastRaw, List<FieldProblem> out) {
        int before = out.size();
        String first = unquote(line, firstField, firstRaw, out);
        String last = unquote(line, lastField, lastRaw, out);
        if (out.size() == before && first.length() != last.length()) {
            out.add(FieldProblem.atRow(
                    line,
                    lastField,
                    "FIRST has " + first.length() + " digits and LAST " + last.length()
                            + "; a range's ICCIDs have one length"));
        } else if (out.size() == before && first.compareTo(last) > 0) {
            out.add(FieldProblem.atRow(line, lastField, "LAST comes before FIRST"));
        }
        return out.size() == before ? Optional.of(new Range(line, first, last)) : Optional.empty();
    }

    /** The ICCID of one cell, its optional quotes removed; a problem (and "") when it is not 19 or 20 digits. */
    private static String unquote(int line, String field, String raw, List<FieldProblem> out) {
        String value = raw.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        String name = field.toUpperCase();
        if (value.isEmpty()) {
            out.add(FieldProblem.atRow(line, field, name + " is missing"));
        } else if (value.contains(",")) {
            out.add(FieldProblem.atRow(line, field, "Separate FIRST and LAST with ';', not ','"));
        } else if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            out.add(FieldProblem.atRow(line, field, name + " must be digits only"));
        } else if (value.length() < 19 || value.length() > 20) {
            out.add(FieldProblem.atRow(line, field, name + " must be 19 or 20 digits, not " + value.length()));
        } else {
            return value;
        }
        return "";
    }

    /** Adds a problem to the later of two ranges that repeat or overlap each other. */
    private static Parsed withOverlaps(List<Range> ranges, List<FieldProblem> problems, boolean json) {
        Parsed parsed = new Parsed(ranges, problems, json);
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt((Range r) -> r.first().length()).thenComparing(Range::first));
        Map<Integer, Range> widest = new HashMap<>(); // per ICCID length, the range reaching furthest so far
        for (Range r : sorted) {
            Range before = widest.get(r.first().length());
            if (before != null && before.overlaps(r)) {
                Range later = before.line() > r.line() ? before : r;
                Range earlier = later == r ? before : r;
                boolean same = before.first().equals(r.first()) && before.last().equals(r.last());
                problems.add(parsed.problem(
                        later,
                        (same ? "Repeats line " : "Overlaps line ") + earlier.line() + " (" + earlier.first() + ";"
                                + earlier.last() + ")"));
            }
            if (before == null || r.last().compareTo(before.last()) > 0) {
                widest.put(r.first().length(), r);
            }
        }
        problems.sort(Comparator.comparingInt(p -> p.row() == null ? 0 : p.row()));
        return parsed;
    }
}
