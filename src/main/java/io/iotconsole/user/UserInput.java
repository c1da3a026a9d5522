package io.iotconsole.user;

import io.iotconsole.security.PasswordRules;
import io.iotconsole.security.Role;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Field rules of the user forms; collects every problem so a form can show them all at once. */
final class UserInput {
    // Deliberately plain: one @, no spaces, a dot in the domain. Deliverability is proven by the activation mail.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern COUNTRY_CODE = Pattern.compile("^\\+[1-9][0-9]{0,3}$");
    private static final Pattern MOBILE = Pattern.compile("^[0-9]{4,15}$");
    private static final Pattern SUFFIX = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$");

    private final List<FieldProblem> problems = new ArrayList<>();

    List<FieldProblem> problems() {
        return problems;
    }

    void add(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    @Nullable
    String name(String field, @Nullable String value, boolean required) {
        String v = clean(value);
        if (v == null) {
            if (required) {
                add(field, "Required");
            }
            return null;
        }
        return text(field, v, 100);
    }

    @Nullable
    String email(@Nullable String value) {
        String v = clean(value);
        if (v == null) {
            add("email", "Required");
            return null;
        }
        if (v.length() > 254 || !EMAIL.matcher(v).matches()) {
            add("email", "Enter a valid e-mail address, like name@example.com");
            return null;
        }
        return v;
    }

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

    /** Country code and mobile number go together: both or neither. */
    String[] phone(@Nullable String countryCode, @Nullable String mobile) {
        String cc = clean(countryCode);
        String m = clean(mobile);
        if (m != null) {
            m = m.replace(" ", "").replace("-", "");
        }
        if (cc != null && !COUNTRY_CODE.matcher(cc).matches()) {
            add("countryCode", "Enter a country code like +44");
        }
        if (m != null && !MOBILE.matcher(m).matches()) {
            add("mobileNumber", "Enter the number without country code: 4 to 15 digits");
        }
        if ((cc == null) != (m == null)) {
            add(
                    cc == null ? "countryCode" : "mobileNumber",
                    "Give both the country code and the mobile number, or neither");
        }
        return new String[] {cc, m};
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

    private @Nullable String text(String field, String v, int max) {
        if (v.length() > max) {
            add(field, "Must be at most " + max + " characters");
            return null;
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            add(field, "Contains control characters");
            return null;
        }
        return v;
    }

    static @Nullable String clean(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }

    private static String shorten(String v) {
        return v.length() > 30 ? v.substring(0, 30) + "…" : v;
    }
}
