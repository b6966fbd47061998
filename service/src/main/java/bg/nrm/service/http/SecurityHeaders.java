package bg.nrm.service.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The hardening headers of every response, in one place: routed answers get them from this filter, errors that
 * Helidon produces before routing get them from {@code DirectErrors}, and problem documents from {@link ErrorMapping}.
 *
 * <p>The Content-Security-Policy is what the server-rendered pages and Swagger UI ({@code /api/docs}) must live with:
 * scripts, styles, fonts and images only from this origin, as files (no inline {@code <script>} or {@code <style>},
 * no {@code style=""} attributes, no {@code eval}); {@code data:} images only (Swagger UI's icons);
 * {@code fetch} only to this origin; no plug-ins, no {@code <base>}, forms post only here, and no other site may frame
 * a page (clickjacking). A page that needs more must change this one constant and say why.
 */
public final class SecurityHeaders implements Filter {
    /** The policy; see the class comment for what each directive allows and why. */
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    /** One year, subdomains included; sent only when the listener speaks TLS (RFC 6797 ignores it over HTTP). */
    public static final String HSTS = "max-age=31536000; includeSubDomains";

    private final List<Header> headers;

    private SecurityHeaders(boolean tls) {
        this.headers = headers(tls);
    }

    /** The filter for a listener; {@code tls} adds Strict-Transport-Security. */
    public static SecurityHeaders create(boolean tls) {
        return new SecurityHeaders(tls);
    }

    /** The headers every response carries. */
    public static List<Header> headers(boolean tls) {
        List<Header> h = new ArrayList<>(List.of(
                HeaderValues.create("Content-Security-Policy", CONTENT_SECURITY_POLICY),
                HeaderValues.create("X-Content-Type-Options", "nosniff"),
                HeaderValues.create("X-Frame-Options", "DENY"),
                HeaderValues.create("Referrer-Policy", "no-referrer"),
                HeaderValues.create("Cross-Origin-Opener-Policy", "same-origin"),
                HeaderValues.create("Cross-Origin-Resource-Policy", "same-origin"),
                HeaderValues.create("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")));
        if (tls) {
            h.add(HeaderValues.create("Strict-Transport-Security", HSTS));
        }
        return List.copyOf(h);
    }

    /** Sets the headers through {@code sink} (a response, or a direct handler's header set). */
    public void apply(Consumer<Header> sink) {
        headers.forEach(sink);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        headers.forEach(res::header);
        chain.proceed();
    }
}
