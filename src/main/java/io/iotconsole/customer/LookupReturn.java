package io.iotconsole.customer;

import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * The customer lookup a row action came from ({@code /customers?q=...&sort=...}), to go back to once the action is
 * done or cancelled. Only the lookup's own address is taken, so the parameter never sends anyone elsewhere.
 */
final class LookupReturn {
    private static final int MAX_LENGTH = 2_000;

    private LookupReturn() {}

    /** The lookup's path and query as given, or {@code null} when it is missing or anything but the lookup. */
    static @Nullable String of(@Nullable String back) {
        if (back == null || back.isBlank() || back.length() > MAX_LENGTH) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(back);
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.getScheme() != null
                || uri.getRawAuthority() != null
                || uri.getRawFragment() != null
                || !"/customers".equals(uri.getRawPath())) {
            return null;
        }
        return uri.getRawQuery() == null ? "/customers" : "/customers?" + uri.getRawQuery();
    }
}
