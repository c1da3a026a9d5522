package io.iotconsole.shared;

import io.iotconsole.shared.InvalidInputException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The field rules every form shares (names, e-mail addresses, phone numbers, free text); collects every problem so a
 * form can show them all at once.
 */
public class FieldChecks {
    // Deliberately plain: one @, no spaces, a dot in the domain. Deliverability is proven by the mail sent to it.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern COUNTRY_CODE = Pattern.compile("^\\+[1-9][0-9]{0,3}$");
    private static final Pattern MOBILE = Pattern.compile("^[0-9]{4,15}$");

    private final List<FieldProblem> problems = new ArrayList<>();

    public List<FieldProblem> problems() {
        return problems;
    }

    public void add(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    /** The request's text problems ({@link Text} limits) for the fields that have none yet. */
    public void texts(Object request) {
        TextFields.addMissing(request, problems);
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    public @Nullable String name(String field, @Nullable String value, boolean required) {
        String v = clean(value);
        if (v == null) {
            if (required) {
                add(field, "Required");
            }
            return null;
        }
        return line(field, v, 100);
    }

    public @Nullable String email(@Nullable String value) {
        String v = clean(value);
        if (v == null) {
            add("email", "Required");
            return null;
        }
        if (TextFields.problem(v, 254, false) != null || !EMAIL.matcher(v).matches()) {
            add("email", "Enter a valid e-mail address, like name@example.com");
            return null;
        }
        return v;
    }

    /** Country code and mobile number go together: both or neither. */
    public String[] phone(@Nullable String countryCode, @Nullable String mobile) {
        return phone(countryCode, mobile, "mobileNumber");
    }

    /** Country code and number go together: both or neither; {@code numberField} names the number's field. */
    public String[] phone(@Nullable String countryCode, @Nullable String mobile, String numberField) {
        String cc = clean(countryCode);
        String m = clean(mobile);
        if (m != null) {
            m = m.replace(" ", "").replace("-", "");
        }
        if (cc != null && !COUNTRY_CODE.matcher(cc).matches()) {
            add("countryCode", "Enter a country code like +44");
        }
        if (m != null && !MOBILE.matcher(m).matches()) {
            add(numberField, "Enter the number without country code: 4 to 15 digits");
        }
        if ((cc == null) != (m == null)) {
            add(
                    cc == null ? "countryCode" : numberField,
                    "Give both the country code and the mobile number, or neither");
        }
        return new String[] {cc, m};
    }

    /** Text of several lines (a description): line breaks and tabs allowed, other control characters not. */
    protected @Nullable String text(String field, String v, int max) {
        return checked(field, v, max, true);
    }

    /** Text of one line (a name). */
    protected @Nullable String line(String field, String v, int max) {
        return checked(field, v, max, false);
    }

    private @Nullable String checked(String field, String v, int max, boolean lines) {
        String problem = TextFields.problem(v, max, lines);
        if (problem != null) {
            add(field, problem);
            return null;
        }
        return v;
    }

    public static @Nullable String clean(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }

    protected static String shorten(String v) {
        return v.length() > 30 ? v.substring(0, 30) + "…" : v;
    }
}
