package io.iotconsole.customer;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How an organisation's customer app presents itself: its address ({@code /app/<slug>}), name, brand colour with the
 * text colour that stays readable on it, and whether it has a logo. An organisation that chose nothing has its account
 * number as the address, its own name and the default colour.
 */
public record AppBrand(
        UUID organizationId,
        String accountNumber,
        String organizationName,
        @Nullable String customSlug,
        @Nullable String customName,
        @Nullable String customColor,
        @Nullable String logoType,
        @Nullable Instant logoUpdatedAt) {
    static final String DEFAULT_COLOR = "#1d4ed8";
    static final Pattern HEX = Pattern.compile("#[0-9a-f]{6}");

    /** The address's short name: the chosen one, or the account number. */
    public String slug() {
        return customSlug != null ? customSlug : accountNumber;
    }

    public String name() {
        return customName != null ? customName : organizationName;
    }

    /** The brand colour, only ever a validated {@code #rrggbb} value (anything else is the default). */
    public String color() {
        return customColor != null && HEX.matcher(customColor).matches() ? customColor : DEFAULT_COLOR;
    }

    /** White or black, whichever contrasts more with the brand colour (always at least 4.5:1, WCAG AA). */
    public String textColor() {
        return onColor(color());
    }

    public double contrast() {
        return contrast(color(), textColor());
    }

    public boolean hasLogo() {
        return logoType != null && logoUpdatedAt != null;
    }

    /** The logo's address; the version makes a replaced logo a new address, so the old one may be cached long. */
    public String logoPath() {
        return "/app/" + slug() + "/logo?v=" + (logoUpdatedAt == null ? 0 : logoUpdatedAt.toEpochMilli());
    }

    /** The CSS custom properties the app's stylesheet reads; made only of validated colours. */
    public String style() {
        return "--brand:" + color() + ";--on-brand:" + textColor();
    }

    static String onColor(String hex) {
        return contrast(hex, "#ffffff") >= contrast(hex, "#000000") ? "#ffffff" : "#000000";
    }

    /** WCAG 2 contrast ratio of two {@code #rrggbb} colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        String h = hex.toLowerCase(Locale.ROOT);
        return 0.2126 * channel(h.substring(1, 3))
                + 0.7152 * channel(h.substring(3, 5))
                + 0.0722 * channel(h.substring(5, 7));
    }

    private static double channel(String twoHexDigits) {
        double c = Integer.parseInt(twoHexDigits, 16) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
