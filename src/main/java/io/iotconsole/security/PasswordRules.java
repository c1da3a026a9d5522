package io.iotconsole.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The strength rule for passwords and API secrets, in one place; answers why a candidate is refused. */
public final class PasswordRules {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = Set.of(
            "password1234",
            "123456789012",
            "qwertyuiopas",
            "passwordpassword",
            "iloveyou1234",
            "administrator",
            "changemechangeme",
            "letmeinletmein",
            "welcome12345");

    private PasswordRules() {}

    /** Empty when the password is acceptable, otherwise the reason to show next to the field. */
    public static Optional<String> problemWith(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("Must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("Must be at most " + MAX_LENGTH + " characters long");
        }
        if (password.chars().distinct().count() < 5) {
            return Optional.of("Uses too few different characters");
        }
        if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            return Optional.of("Is too common; choose another");
        }
        return Optional.empty();
    }
}
