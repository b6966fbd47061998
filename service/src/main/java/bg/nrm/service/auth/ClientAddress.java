package bg.nrm.service.auth;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Set;

/**
 * The address a request comes from, as sign-in throttling counts it. The peer address, unless the peer is one of
 * the configured trusted reverse proxies ({@code nrm.auth.trusted-proxies}): then the last address the proxy added
 * to {@code X-Forwarded-For}. IPv6 addresses count by their /64 network, since one host commonly holds a whole /64.
 */
public final class ClientAddress {
    private final Set<String> trustedProxies;

    public ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** The throttling key of {@code req}'s source. */
    public String of(ServerRequest req) {
        SocketAddress address = req.remotePeer().address();
        String peer = peer(address);
        if (!trustedProxies.isEmpty() && address instanceof InetSocketAddress inet && inet.getAddress() != null
                && trustedProxies.contains(inet.getAddress().getHostAddress())) {
            List<String> forwarded = req.headers().all(HeaderNames.X_FORWARDED_FOR, List::of);
            if (!forwarded.isEmpty()) {
                String[] hops = forwarded.get(forwarded.size() - 1).split(",");
                String last = hops[hops.length - 1].trim();
                if (!last.isEmpty() && last.length() <= 45) {
                    return last.contains(":") ? "v6|" + last : last;
                }
            }
        }
        return peer;
    }

    private static String peer(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            InetAddress a = inet.getAddress();
            if (a instanceof Inet6Address) {
                byte[] b = a.getAddress();
                StringBuilder sb = new StringBuilder("v6/64|");
                for (int i = 0; i < 8; i++) {
                    sb.append(String.format("%02x", b[i]));
                }
                return sb.toString();
            }
            return a.getHostAddress();
        }
        return "unknown";
    }
}
