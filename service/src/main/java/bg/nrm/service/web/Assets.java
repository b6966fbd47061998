package bg.nrm.service.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /assets/{version}/{name}}: the styles, scripts and font files the pages use, all from the class path
 * (WebJars, the npm packages unpacked at build time, and our own {@code web/assets}). The set is fixed and small, so
 * each file is read once, gzipped once, and served from memory. The version in the address is a hash of every file:
 * a new build gets new addresses, so browsers may keep a file for a year without asking again.
 */
public final class Assets implements HttpService {
    private static final String GOVUK = "META-INF/resources/webjars/govuk-frontend/5.14.0/dist/govuk/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final String OWN = "bg/nrm/service/web/assets/";
    private static final String VENDOR = OWN + "vendor/";
    // GOV.UK's own typeface is for GOV.UK only: its @font-face rules go, and Noto Sans (with Cyrillic) takes its place.
    private static final Pattern TRANSPORT_FACE = Pattern.compile("@font-face\\{font-family:GDS Transport;[^}]*}");
    private static final String YEAR = "public, max-age=31536000, immutable";

    private final Map<String, Asset> files = new LinkedHashMap<>();
    private final String version;

    /** One file, as sent. */
    private record Asset(String contentType, byte[] plain, byte[] gzipped) {
    }

    public Assets() {
        add("govuk-frontend.min.css", GOVUK + "govuk-frontend.min.css", "text/css; charset=utf-8");
        add("govuk-frontend.min.js", GOVUK + "govuk-frontend.min.js", "text/javascript; charset=utf-8");
        add("htmx.min.js", "META-INF/resources/webjars/htmx.org/2.0.10/dist/htmx.min.js", "text/javascript; charset=utf-8");
        add("htmx-sse.js", "META-INF/resources/webjars/htmx-ext-sse/2.2.2/sse.js", "text/javascript; charset=utf-8");
        add("openpgp.min.mjs", VENDOR + "openpgp/openpgp.min.mjs", "text/javascript; charset=utf-8");
        for (String font : new String[] {"cyrillic-400", "cyrillic-700", "latin-400", "latin-700"}) {
            String name = "noto-sans-" + font + "-normal.woff2";
            add(name, VENDOR + "noto-sans/" + name, "font/woff2");
        }
        add("app.css", OWN + "app.css", "text/css; charset=utf-8");
        add("app.js", OWN + "app.js", "text/javascript; charset=utf-8");
        add("referral.js", OWN + "referral.js", "text/javascript; charset=utf-8");
        add("uPlot.min.css", UPLOT + "uPlot.min.css", "text/css; charset=utf-8");
        add("uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
        add("stats.js", OWN + "stats.js", "text/javascript; charset=utf-8");
        add("admin.js", OWN + "admin.js", "text/javascript; charset=utf-8");
        add("licences.txt", OWN + "licences.txt", "text/plain; charset=utf-8");
        this.version = fingerprint();
    }

    /** The address of {@code name} for this build. */
    public String url(String name) {
        if (!files.containsKey(name)) {
            throw new IllegalArgumentException("no such asset: " + name);
        }
        return "/assets/" + version + "/" + name;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{version}/{name}", this::handleAsset);
    }

    private void handleAsset(ServerRequest req, ServerResponse res) {
        Asset asset = files.get(req.path().pathParameters().get("name"));
        if (asset == null) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        boolean current = version.equals(req.path().pathParameters().get("version"));
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        // An old address still answers (a page open during an upgrade), but only the current one is kept long.
        res.header(HeaderNames.CACHE_CONTROL, current ? YEAR : "no-cache");
        res.header(HeaderNames.VARY, "Accept-Encoding");
        boolean gzip = req.headers().first(HeaderNames.ACCEPT_ENCODING).map(v -> v.contains("gzip")).orElse(false);
        if (gzip && asset.gzipped().length < asset.plain().length) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            res.send(asset.gzipped());
        } else {
            res.send(asset.plain());
        }
    }

    private void add(String name, String resource, String contentType) {
        byte[] bytes = read(resource);
        if (name.equals("govuk-frontend.min.css")) {
            String css = TRANSPORT_FACE.matcher(new String(bytes, StandardCharsets.UTF_8)).replaceAll("")
                    .replace("font-family:GDS Transport,arial,sans-serif", "font-family:\"Noto Sans\",arial,sans-serif");
            bytes = css.getBytes(StandardCharsets.UTF_8);
        }
        files.put(name, new Asset(contentType, bytes, contentType.startsWith("font/") ? bytes : gzip(bytes)));
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("web asset missing from the class path: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, asset) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(asset.plain());
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
