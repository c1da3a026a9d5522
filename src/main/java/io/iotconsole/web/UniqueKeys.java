package io.iotconsole.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DuplicateKeyException;

/**
 * The field a unique-key violation is about, read from PostgreSQL's "Key (organization_id, lower(name))=(…)" detail:
 * the key's columns other than the organisation, in the API's camelCase. The last resort for a write that met the
 * key after its own check passed (two writers at the same moment); use cases check the keys they know first.
 */
final class UniqueKeys {
    private static final Pattern IDENTIFIER = Pattern.compile("([a-z_][a-z0-9_]*)\\)*$");

    private UniqueKeys() {}

    /** The field (or fields, joined with ", "), or "value" when the key cannot be read. */
    static String field(DuplicateKeyException e) {
        ServerErrorMessage server =
                e.getMostSpecificCause() instanceof PSQLException p ? p.getServerErrorMessage() : null;
        List<String> fields = server == null ? List.of() : columns(server.getDetail());
        return fields.isEmpty() ? "value" : String.join(", ", fields);
    }

    static List<String> columns(@Nullable String detail) {
        if (detail == null || !detail.startsWith("Key (")) {
            return List.of();
        }
        int end = detail.indexOf(")=(");
        if (end < 0) {
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        for (String part : splitTopLevel(detail.substring("Key (".length(), end))) {
            Matcher m = IDENTIFIER.matcher(part.replaceAll("::[a-z ]+", "").strip());
            if (m.find() && !m.group(1).equals("organization_id")) {
                fields.add(camelCase(m.group(1)));
            }
        }
        return fields;
    }

    private static List<String> splitTopLevel(String columns) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < columns.length(); i++) {
            char c = columns.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(columns.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(columns.substring(start));
        return parts;
    }

    private static String camelCase(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
