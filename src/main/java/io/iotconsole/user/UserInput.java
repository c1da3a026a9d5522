package io.iotconsole.user;

import io.iotconsole.security.PasswordRules;
import io.iotconsole.security.Role;
import io.iotconsole.shared.FieldChecks;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Field rules of the user forms, beyond those every form shares. */
final class UserInput extends FieldChecks {
    private static final Pattern SUFFIX = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$");

    @Nullable
    Role role(@Nullable String value) {
        String v = clean(value);
        if (v == null) {
            add("role", "Required");
            return null;
        }
        try {
            Role role = Role.valueOf(v.toUpperCase(Locale.ROOT));
            if (role == Role.OPERATOR) {
                add("role", "Not a role of an organisation");
                return null;
            }
            return role;
        } catch (IllegalArgumentException e) {
            add("role", "Unknown role; one of OWNER, ADMIN, STANDARD, GROUP_USER, READ_ONLY, THIRD_PARTY, API_USER");
            return null;
        }
    }

    @Nullable
    String description(@Nullable String value) {
        String v = clean(value);
        return v == null ? null : text("description", v, 500);
    }

    Set<Dashboard> dashboards(@Nullable Set<String> values) {
        Set<Dashboard> result = EnumSet.noneOf(Dashboard.class);
        if (values == null) {
            return result;
        }
        for (String v : values) {
            try {
                result.add(Dashboard.valueOf(v.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                add("dashboards", "Unknown dashboard '" + shorten(v) + "'; one of SIM_OVERVIEW, DATA_USAGE, ORDERS");
            }
        }
        return result;
    }

    @Nullable
    String clientIdSuffix(@Nullable String value) {
        String v = clean(value);
        if (v == null || !SUFFIX.matcher(v).matches()) {
            add("clientIdSuffix", "2 to 40 letters, digits, '-' or '_', starting with a letter or digit");
            return null;
        }
        return v;
    }

    @Nullable
    String secret(String field, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            add(field, "Required");
            return null;
        }
        PasswordRules.problemWith(value).ifPresent(p -> add(field, p));
        return value;
    }
}
