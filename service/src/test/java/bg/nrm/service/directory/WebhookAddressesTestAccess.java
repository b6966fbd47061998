package bg.nrm.service.directory;

import io.helidon.webclient.api.DnsAddressLookup;

import java.net.InetAddress;
import java.net.URI;

/** Lets tests in other packages call the webhook resolver directly. */
public final class WebhookAddressesTestAccess {
    private WebhookAddressesTestAccess() {
    }

    public static InetAddress resolve(String host, boolean allowPrivate) {
        return Webhooks.pinningResolver(allowPrivate).resolveAddress(host, DnsAddressLookup.IPV4_PREFERRED);
    }

    /** True when the resolver refuses the name because an address it leads to is internal. */
    public static boolean refuses(String host, boolean allowPrivate) {
        try {
            resolve(host, allowPrivate);
            return false;
        } catch (Webhooks.AddressNotAllowed e) {
            return true;
        }
    }

    public static boolean internal(InetAddress a) {
        return Webhooks.internal(a);
    }

    public static boolean deliverable(URI uri) {
        return Webhooks.deliverable(uri, false);
    }
}
