package io.iotconsole.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What an endpoint address may be: HTTPS to a public address. A tenant's endpoint must not reach the console's own
 * host or its private network (the delivery log shows each answer), so loopback, private, link-local, unique-local,
 * multicast and unspecified addresses are refused unless {@code console.webhooks.allow-private-addresses} (for a
 * receiver on one's own machine or network); plain HTTP only to such an allowed address, or everywhere when allowed.
 */
final class WebhookUrls {
    private WebhookUrls() {}

    /** The problem with the address, or null when it is acceptable. */
    static @Nullable String problem(@Nullable String url, boolean allowHttp, boolean allowPrivate) {
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
        boolean privateHost = privateAddress(uri.getHost());
        if (privateHost && !allowPrivate) {
            return "Must be a public address: loopback, private and link-local addresses are refused";
        }
        if (scheme.equals("http") && !allowHttp && !(privateHost && loopback(uri.getHost()))) {
            return "Must use https:// (plain http:// only for localhost)";
        }
        return null;
    }

    /**
     * Whether the host is, or resolves to, an address of the console's own host or a private network. A name that
     * does not resolve now is let through: it reaches nothing, and each try checks again before it is sent.
     */
    private static boolean privateAddress(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost") || h.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(h)) {
                if (internal(address)) {
                    return true;
                }
            }
            return false;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 16) {
            boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            if (mapped) {
                try {
                    return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (java.net.UnknownHostException e) {
                    return true;
                }
            }
            return (b[0] & 0xfe) == 0xfc; // fc00::/7, unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first == 100 && (second & 0xc0) == 64; // 0.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT)
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
