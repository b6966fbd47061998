package bg.nrm.service.directory;

import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.spi.DnsResolver;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which webhook addresses the service will push referrals to: HTTPS to public addresses, and HTTP or HTTPS on
 * loopback (a receiver on the same host). Private, link-local and other internal addresses are refused unless
 * {@code nrm.delivery.allow-private-networks} is set, so that an administrator's URL cannot be used to probe the
 * service's own network; the check runs when the URL is saved (IP literals) and again at every delivery, inside the
 * delivery client's own name resolution (names), so that the address checked is the one connected to.
 */
public final class Webhooks {
    private static final int MAX_LENGTH = 500;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private Webhooks() {
    }

    /** Whether {@code url} may be saved as a webhook. Names are not resolved here; IP literals are checked. */
    public static boolean acceptable(String url, boolean allowPrivateNetworks) {
        if (url.length() > MAX_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (host == null || uri.getUserInfo() != null || uri.getFragment() != null) {
                return false;
            }
            if (loopback(host)) {
                return "https".equals(scheme) || "http".equals(scheme);
            }
            if (!"https".equals(scheme)) {
                return false;
            }
            return allowPrivateNetworks || !literal(host) || !internal(InetAddress.getByName(strip(host)));
        } catch (URISyntaxException | UnknownHostException e) {
            return false;
        }
    }

    /**
     * Checked just before a delivery, without DNS: an IP literal must be allowed; a name is checked when the delivery
     * client resolves it ({@link #pinningResolver}), so that the address checked is the address connected to.
     */
    public static boolean deliverable(URI uri, boolean allowPrivateNetworks) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        if (loopback(host) || allowPrivateNetworks || !literal(host)) {
            return true;
        }
        try {
            return !internal(InetAddress.getByName(strip(host)));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Thrown by the resolver when a webhook's name leads to an address the service must not call. */
    public static final class AddressNotAllowed extends RuntimeException {
        AddressNotAllowed() {
            super("webhook address not allowed", null, false, false);
        }
    }

    /**
     * The delivery client's resolver: resolves a webhook's name once, refuses it when any of its addresses is
     * internal, and returns the address it checked for the client to connect to. There is no second look-up between
     * the check and the connection, so a name that changes its answer (DNS rebinding) cannot slip through.
     */
    public static DnsResolver pinningResolver(boolean allowPrivateNetworks) {
        return new DnsResolver() {
            @Override
            public boolean useDefaultJavaResolver() {
                return false;
            }

            @Override
            public InetAddress resolveAddress(String host, DnsAddressLookup lookup) {
                try {
                    InetAddress[] all = InetAddress.getAllByName(strip(host));
                    if (!allowPrivateNetworks && !loopback(host)) {
                        for (InetAddress a : all) {
                            if (internal(a)) {
                                throw new AddressNotAllowed();
                            }
                        }
                    }
                    return all[0];
                } catch (UnknownHostException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        // An IPv4 literal in 127.0.0.0/8, not a name that merely starts with "127.".
        return h.equals("localhost") || LOOPBACK_V4.matcher(h).matches() || h.equals("[::1]") || h.equals("::1");
    }

    private static boolean literal(String host) {
        return IPV4.matcher(host).matches() || host.startsWith("[");
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Whether a webhook must not go to {@code a}: private, loopback, link-local, shared (CGNAT), unspecified,
     * multicast, broadcast, documentation and benchmarking ranges, reserved space, and every IPv6 form that carries
     * or translates to an IPv4 address (IPv4-mapped and -compatible, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4
     * 2002::/16, Teredo 2001::/32), unique-local, site-local, discard and ORCHID ranges. Translation forms are refused
     * whole: where they lead depends on a gateway the service cannot see.
     */
    static boolean internal(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return internalV4(b);
        }
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
            // ::/96 (unspecified, loopback and IPv4-compatible) and ::ffff:0:0/96 (IPv4-mapped)
            return true;
        }
        return a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()
                || (w0 & 0xfe00) == 0xfc00                               // fc00::/7 unique local
                || (w0 & 0xffc0) == 0xfe80 || (w0 & 0xffc0) == 0xfec0     // link-local, site-local
                || (w0 == 0x0064 && w1 == 0xff9b)                         // 64:ff9b::/96 and 64:ff9b:1::/48 NAT64
                || w0 == 0x2002                                           // 2002::/16 6to4
                || (w0 == 0x2001 && w1 == 0x0000)                         // 2001::/32 Teredo
                || (w0 == 0x2001 && w1 == 0x0db8)                         // documentation
                || (w0 == 0x2001 && (w1 & 0xfff0) == 0x0010)              // ORCHID
                || (w0 == 0x2001 && (w1 & 0xfff0) == 0x0020)              // ORCHIDv2
                || (w0 == 0x0100 && w1 == 0 && word(b, 4) == 0 && word(b, 6) == 0) // 100::/64 discard
                || w0 == 0;                                               // the rest of ::/16 is reserved
    }

    private static boolean internalV4(byte[] b) {
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        int o2 = b[2] & 0xff;
        return o0 == 0 || o0 == 10 || o0 == 127 || o0 >= 224                // this network, private, loopback, multicast, reserved
                || (o0 == 100 && (o1 & 0xc0) == 64)                           // 100.64.0.0/10 shared (CGNAT)
                || (o0 == 169 && o1 == 254)                                   // link-local
                || (o0 == 172 && (o1 & 0xf0) == 16)                           // 172.16.0.0/12
                || (o0 == 192 && o1 == 168)                                   // 192.168.0.0/16
                || (o0 == 192 && o1 == 0 && (o2 == 0 || o2 == 2))             // IETF protocol, TEST-NET-1
                || (o0 == 192 && o1 == 88 && o2 == 99)                        // 6to4 relay anycast
                || (o0 == 198 && (o1 & 0xfe) == 18)                           // benchmarking 198.18.0.0/15
                || (o0 == 198 && o1 == 51 && o2 == 100)                       // TEST-NET-2
                || (o0 == 203 && o1 == 0 && o2 == 113);                       // TEST-NET-3
    }

    private static int word(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
}
