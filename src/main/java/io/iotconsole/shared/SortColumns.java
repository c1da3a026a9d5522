package io.iotconsole.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The columns a list may be sorted by: the names a request may give ({@code label}, or {@code -label} for
 * descending) and the SQL each stands for. Anything else is a 400 naming {@code sort}, so no request text reaches the
 * SQL. Owned by the repository that writes the query.
 */
public final class SortColumns {
    private final Map<String, String> columns;
    private final String defaultSort;
    private final String tieBreak;

    private SortColumns(Map<String, String> columns, String defaultSort, String tieBreak) {
        this.columns = columns;
        this.defaultSort = defaultSort;
        this.tieBreak = tieBreak;
    }

    /**
     * @param defaultSort the sort when none is asked, e.g. {@code name} or {@code -placedAt}
     * @param tieBreak SQL appended after the chosen column so that pages never overlap, e.g. {@code id}
     * @param namesAndSql pairs of a request name and its SQL expression
     */
    public static SortColumns of(String defaultSort, String tieBreak, String... namesAndSql) {
        if (namesAndSql.length % 2 != 0) {
            throw new IllegalArgumentException("Names and SQL come in pairs");
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSql.length; i += 2) {
            columns.put(namesAndSql[i], namesAndSql[i + 1]);
        }
        SortColumns sorts = new SortColumns(java.util.Collections.unmodifiableMap(columns), defaultSort, tieBreak);
        sorts.parse(defaultSort);
        return sorts;
    }

    /** The sort a request asks for ({@code null} or blank: the default). */
    public Sort parse(@Nullable String value) {
        String s = value == null || value.isBlank() ? defaultSort : value.strip();
        boolean descending = s.startsWith("-");
        String name = descending ? s.substring(1) : s;
        String column = columns.get(name);
        if (column == null) {
            throw InvalidInputException.of(
                    "sort", "One of " + String.join(", ", columns.keySet()) + ", '-' first for descending");
        }
        String direction = descending ? " DESC" : "";
        String orderBy = String.join(direction + ", ", terms(column)) + direction;
        return new Sort(name, descending, tieBreak.isEmpty() ? orderBy : orderBy + ", " + tieBreak);
    }

    /** The terms of a column's SQL: split at the commas outside brackets, so {@code coalesce(a, b)} stays one. */
    private static List<String> terms(String sql) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(sql.substring(start, i).strip());
                start = i + 1;
            }
        }
        terms.add(sql.substring(start).strip());
        return terms;
    }

    /** A list's sort: the column's request name, its direction, and the SQL {@code ORDER BY} list it stands for. */
    public record Sort(String name, boolean descending, String orderBy) {
        /** As the request gives it: {@code label} or {@code -label}. */
        public String parameter() {
            return descending ? "-" + name : name;
        }
    }
}
