package io.iotconsole.sim;

import java.util.Optional;

/** ICCID rules: 19 or 20 digits, the last one a Luhn check digit over the others. */
final class Iccids {
    private Iccids() {}

    /** Empty when valid, otherwise what is wrong with it. */
    static Optional<String> problemWith(String iccid) {
        if (iccid.isEmpty()) {
            return Optional.of("ICCID is missing");
        }
        if (!iccid.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("ICCID must contain digits only");
        }
        if (iccid.length() != 19 && iccid.length() != 20) {
            return Optional.of("ICCID must have 19 or 20 digits, not " + iccid.length());
        }
        if (!luhnValid(iccid)) {
            return Optional.of("ICCID check digit is wrong (Luhn)");
        }
        return Optional.empty();
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
