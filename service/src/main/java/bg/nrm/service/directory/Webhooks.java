package bg.nrm.service.directory;

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
 * service's own network; the check runs when the URL is saved (IP literals) and again before every delivery
 * (names, after resolution).
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

    /** Checked just before a delivery: every address the host resolves to must be allowed. */
    public static boolean deliverable(URI uri, boolean allowPrivateNetworks) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        if (loopback(host) || allowPrivateNetworks) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(strip(host))) {
                if (internal(address)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
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

    /** Private, link-local, unspecified, multicast, carrier-grade NAT or unique-local IPv6 (and loopback by name). */
    static boolean internal(InetAddress a) {
        byte[] b = a.getAddress();
        boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        return a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()
                || a.isLoopbackAddress() || cgnat || uniqueLocalV6;
    }
}
