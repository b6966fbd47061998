package bg.nrm.service.apidocs;

import bg.nrm.service.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /api/docs}: the API reference as a page, public. The page is this package's own HTML and initializer
 * script (no inline script, so a strict Content-Security-Policy holds); Swagger UI's script and styles come from its
 * WebJar on the class path. Only the files named here are served, so the WebJar's other files (its demo page with
 * an inline script, source maps) are not.
 */
public final class ApiDocsService implements HttpService {
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String OWN = "bg/nrm/service/apidocs/";

    /** Served name → where it comes from, and its media type. */
    private record Asset(String resource, String mediaType) {
    }

    private final Map<String, Asset> assets;
    private final byte[] page;

    public ApiDocsService() {
        String webjar = WEBJAR + webjarVersion() + "/";
        this.assets = Map.of(
                "swagger-ui.css", new Asset(webjar + "swagger-ui.css", "text/css; charset=UTF-8"),
                "swagger-ui-bundle.js", new Asset(webjar + "swagger-ui-bundle.js", "text/javascript; charset=UTF-8"),
                "initializer.js", new Asset(OWN + "initializer.js", "text/javascript; charset=UTF-8"),
                "docs.css", new Asset(OWN + "docs.css", "text/css; charset=UTF-8"));
        this.page = read(OWN + "index.html");
        for (Asset a : assets.values()) {
            read(a.resource()); // fail at start, not on the first reader's request, if a file is missing
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handlePage)
                .get("/{file}", this::handleAsset);
    }

    private void handlePage(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(page);
    }

    private void handleAsset(ServerRequest req, ServerResponse res) {
        Asset asset = assets.get(req.path().pathParameters().get("file"));
        if (asset == null) {
            throw ProblemException.notFound("file");
        }
        res.header(HeaderNames.CONTENT_TYPE, asset.mediaType());
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
        res.send(read(asset.resource()));
    }

    // The WebJar names its version in its Maven metadata; reading it keeps the version in the pom alone.
    private static String webjarVersion() {
        Properties p = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ApiDocsService.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing from the class path: " + name);
        }
        return in;
    }
}
