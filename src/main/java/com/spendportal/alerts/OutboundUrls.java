package com.spendportal.alerts;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The rule for every URL the portal posts to (DESIGN §11, webhooks and the chat channels): http or https, no user
 * info, and, unless {@code portal.alerts.allow-local-network=true}, a host that is no loopback, private, link-local,
 * unspecified, shared (100.64/10), unique-local or multicast address, however it is spelled ({@code 2130706433},
 * {@code 0x7f.1}, {@code 0177.0.0.1}, {@code [::1]}, {@code [::ffff:127.0.0.1]}) or whatever the name resolves to.
 * Checked when a URL is saved ({@link #problem}) and again when it is sent to ({@link #resolve}), since a name may
 * resolve elsewhere by then.
 */
public final class OutboundUrls {

    /** Why a target was refused; also shown in the delivery log. */
    public static final String LOCAL_REFUSED = "points at a local or private network address, which the portal does not"
            + " post to (an admin may allow it with portal.alerts.allow-local-network=true)";

    private OutboundUrls() {
    }

    /** Thrown by {@link #resolve} for a target the rule refuses. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Null when {@code url} may be saved, else a message for the field. A name that does not resolve (yet) is
     * accepted: it is checked again when a message is sent.
     */
    public static String problem(String url, boolean allowLocalNetwork) {
        URI uri = parse(url);
        if (uri == null) {
            return "Enter an http:// or https:// URL, such as https://hooks.example.com/spend.";
        }
        if (allowLocalNetwork) {
            return null;
        }
        try {
            resolve(uri, false);
            return null;
        } catch (Refused e) {
            return "This URL " + e.getMessage() + ".";
        }
    }

    /**
     * The addresses to connect to for {@code url}, every one of them allowed; the caller connects to one of these and
     * resolves nothing itself.
     *
     * @throws Refused when the URL is malformed, a resolved address is local, or the name does not resolve
     */
    public static List<InetAddress> resolve(String url, boolean allowLocalNetwork) throws Refused {
        URI uri = parse(url);
        if (uri == null) {
            throw new Refused("is not a valid http(s) URL");
        }
        if (allowLocalNetwork) {
            try {
                return List.of(InetAddress.getAllByName(host(uri)));
            } catch (UnknownHostException e) {
                throw new Refused("has a host name that does not resolve");
            }
        }
        return resolve(uri, true);
    }

    private static List<InetAddress> resolve(URI uri, boolean mustResolve) throws Refused {
        String host = host(uri);
        InetAddress literal = ipv4Literal(host);
        if (literal != null && blocked(literal)) {
            throw new Refused(LOCAL_REFUSED);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            if (mustResolve) {
                throw new Refused("has a host name that does not resolve");
            }
            return List.of();
        }
        for (InetAddress address : addresses) {
            if (blocked(address)) {
                throw new Refused(LOCAL_REFUSED);
            }
        }
        return List.of(addresses);
    }

    private static URI parse(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null
                    ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The IPv4 address that C's {@code inet_aton} (and so the system resolver) reads from {@code host}: one to four
     * parts, each decimal, octal (leading 0) or hex (0x), the last filling the remaining bytes; null when it is no
     * such literal.
     */
    static InetAddress ipv4Literal(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].toLowerCase(Locale.ROOT);
            try {
                if (part.startsWith("0x")) {
                    values[i] = part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
                } else if (part.length() > 1 && part.startsWith("0")) {
                    values[i] = Long.parseLong(part.substring(1), 8);
                } else {
                    values[i] = Long.parseLong(part);
                }
            } catch (NumberFormatException e) {
                return null;
            }
            if (values[i] < 0 || part.length() > 12) {
                return null;
            }
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address = address << 8 | values[i];
        }
        int restBytes = 4 - (values.length - 1);
        long last = values[values.length - 1];
        if (last >= 1L << (8 * restBytes)) {
            return null;
        }
        address = address << (8 * restBytes) | last;
        byte[] bytes = { (byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address };
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Loopback, unspecified, private, link-local, shared, unique-local, multicast or broadcast. */
    static boolean blocked(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 127 || first == 100 && second >= 64 && second < 128
                    || first == 255 && (b[1] & b[2] & b[3] & 0xff) == 0xff;
        }
        if (address instanceof Inet6Address six) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7, unique local
            }
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= b[i] == 0;
            }
            boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = six.isIPv4CompatibleAddress();
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            if (mapped || compatible || nat64) {
                try {
                    return blocked(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
