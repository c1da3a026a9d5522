package io.iotconsole.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What an endpoint address may be: HTTPS; plain HTTP only on the loopback interface, or everywhere when allowed. */
final class WebhookUrls {
    private WebhookUrls() {}

    /** The problem with the address, or null when it is acceptable. */
    static @Nullable String problem(@Nullable String url, boolean allowHttp) {
        if (url == null || url.isBlank()) {
            return "Enter the endpoint's address (https://...)";
        }
        if (url.length() > 2000) {
            return "At most 2000 characters";
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return "Not a valid address: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "Must start with https://";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "Name the host, as in https://example.com/hooks";
        }
        if (uri.getRawUserInfo() != null) {
            return "No user name or password in the address";
        }
        if (uri.getRawFragment() != null) {
            return "No #fragment in the address";
        }
        if (scheme.equals("http") && !allowHttp && !loopback(uri.getHost())) {
            return "Must use https:// (plain http:// only for localhost)";
        }
        return null;
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // literal addresses only: a name is not resolved here, so that it cannot point somewhere else later
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
