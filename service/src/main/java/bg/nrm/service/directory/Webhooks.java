package bg.nrm.service.directory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Which webhook addresses the service will push referrals to: HTTPS anywhere, plain HTTP only on loopback. */
public final class Webhooks {
    private static final int MAX_LENGTH = 500;
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private Webhooks() {
    }

    public static boolean acceptable(String url) {
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
            return "https".equals(scheme) || ("http".equals(scheme) && loopback(host));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        // An IPv4 literal in 127.0.0.0/8, not a name that merely starts with "127.".
        return h.equals("localhost") || LOOPBACK_V4.matcher(h).matches() || h.equals("[::1]") || h.equals("::1");
    }
}
