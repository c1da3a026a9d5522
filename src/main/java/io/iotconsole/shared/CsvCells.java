package io.iotconsole.shared;

import org.jspecify.annotations.Nullable;

/** Exported CSV cells that a spreadsheet would run as a formula are prefixed with a quote (OWASP's advice). */
public final class CsvCells {
    private CsvCells() {}

    public static @Nullable String safe(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + value;
        }
        return value;
    }
}
