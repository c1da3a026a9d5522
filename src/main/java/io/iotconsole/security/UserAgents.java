package io.iotconsole.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A short readable name for a User-Agent header ("Firefox on Windows"). Only the common browsers and systems are
 * named; anything else shows its first product token, so a script or API client is still recognisable.
 */
final class UserAgents {
    private static final Pattern PRODUCT = Pattern.compile("^([A-Za-z][\\w.-]{0,40})");

    private UserAgents() {}

    static String shortName(@Nullable String agent) {
        if (agent == null || agent.isBlank()) {
            return "Unknown browser";
        }
        String browser = browser(agent);
        String system = system(agent);
        return system == null ? browser : browser + " on " + system;
    }

    private static String browser(String a) {
        if (a.contains("Edg/") || a.contains("EdgA/") || a.contains("EdgiOS/")) {
            return "Edge";
        }
        if (a.contains("OPR/") || a.contains("Opera")) {
            return "Opera";
        }
        if (a.contains("SamsungBrowser/")) {
            return "Samsung Internet";
        }
        if (a.contains("Firefox/") || a.contains("FxiOS/")) {
            return "Firefox";
        }
        if (a.contains("Chromium/")) {
            return "Chromium";
        }
        if (a.contains("HeadlessChrome/")) {
            return "Headless Chrome";
        }
        if (a.contains("Chrome/") || a.contains("CriOS/")) {
            return "Chrome";
        }
        if (a.contains("Safari/") && a.contains("Version/")) {
            return "Safari";
        }
        Matcher m = PRODUCT.matcher(a);
        return m.find() ? m.group(1) : "Unknown browser";
    }

    private static @Nullable String system(String a) {
        if (a.contains("Android")) {
            return "Android";
        }
        if (a.contains("iPhone")) {
            return "iPhone";
        }
        if (a.contains("iPad")) {
            return "iPad";
        }
        if (a.contains("Windows")) {
            return "Windows";
        }
        if (a.contains("Mac OS X") || a.contains("Macintosh")) {
            return "macOS";
        }
        if (a.contains("CrOS")) {
            return "ChromeOS";
        }
        if (a.contains("Linux")) {
            return "Linux";
        }
        return null;
    }
}
