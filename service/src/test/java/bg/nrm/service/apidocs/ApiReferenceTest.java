package bg.nrm.service.apidocs;

import bg.nrm.service.Api;
import bg.nrm.service.RouteRecorder;
import bg.nrm.service.TestService;
import bg.nrm.service.auth.Role;
import bg.nrm.service.auth.RouteAccess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API reference and the routing agree: every route the application registers is documented at {@code /openapi},
 * and every documented route exists. A new route without its entry in {@code META-INF/openapi.yaml} fails here.
 */
class ApiReferenceTest {
    /** Routes that Helidon's own features register (not the application's routing), checked over HTTP instead. */
    private static final Set<String> FEATURE_ROUTES = Set.of("GET /openapi", "GET /observe/health",
            "GET /observe/metrics");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
            "patch", "trace");

    @TempDir
    static Path dataDir;
    static TestService service;
    static Api api;
    static JsonNode document;

    @BeforeAll
    static void start() throws IOException {
        service = TestService.sqlite(dataDir);
        api = service.api;
        Api.Response served = api.get("/openapi?format=JSON", null, Map.of("Accept", "application/json"));
        assertThat(served.status()).isEqualTo(200);
        document = new ObjectMapper().readTree(served.body());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Set<String> documented() {
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (HTTP_METHODS.contains(method)) {
                    routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return routes;
    }

    @Test
    void theDocumentIsOpenApi31() {
        assertThat(document.get("openapi").asText()).startsWith("3.1.");
        assertThat(document.at("/info/title").asText()).isNotBlank();
    }

    @Test
    void everyRegisteredRouteIsDocumented() {
        Set<String> registered = new TreeSet<>(RouteRecorder.routesOf(service.app::routing));
        // Web pages answer HTML to a browser session, not JSON: they are documented in docs/web.md.
        registered.removeIf(RouteAccess::isPage);

        assertThat(registered).as("the recorder read the routing").contains("POST /api/v1/screenings");
        assertThat(documented()).as("routes registered in Application.routing but missing from META-INF/openapi.yaml")
                .containsAll(registered);
    }

    @Test
    void everyDocumentedRouteExists() {
        Set<String> registered = RouteRecorder.routesOf(service.app::routing);
        Set<String> extra = new HashSet<>(documented());
        extra.removeAll(registered);

        assertThat(FEATURE_ROUTES).as("documented routes that nothing registers").containsAll(extra);
        String admin = api.token("admin");
        for (String route : FEATURE_ROUTES) {
            Api.Response r = api.get(route.substring("GET ".length()), admin);
            assertThat(r.status() / 100).as("%s answers %d", route, r.status()).isEqualTo(2);
        }
    }

    @Test
    void everyOperationNamesItsRolesAndAnswersErrorsAsProblems() {
        Set<String> roles = new HashSet<>(Arrays.stream(Role.values()).map(Role::name).toList());
        document.get("paths").forEach(path -> path.properties().forEach(op -> {
            if (!HTTP_METHODS.contains(op.getKey())) {
                return;
            }
            String id = op.getValue().path("operationId").asText();
            JsonNode xRoles = op.getValue().get("x-roles");
            assertThat(xRoles).as("x-roles of %s", id).isNotNull();
            assertThat(xRoles.isArray()).as("x-roles of %s is a list", id).isTrue();
            xRoles.forEach(r -> assertThat(roles).as("x-roles of %s", id).contains(r.asText()));
            boolean isPublic = xRoles.isEmpty();
            assertThat(op.getValue().has("security") && op.getValue().get("security").isEmpty())
                    .as("%s: public exactly when x-roles is empty", id).isEqualTo(isPublic);
            op.getValue().get("responses").properties().forEach(response -> {
                if (response.getKey().startsWith("4")) {
                    JsonNode resolved = resolve(response.getValue());
                    assertThat(resolved.at("/content").has("application/problem+json"))
                            .as("%s %s is problem+json", id, response.getKey()).isTrue();
                }
            });
        }));
    }

    @Test
    void theReferencePageIsServedWithoutSignInOrInlineScript() {
        Api.Response page = api.get("/api/docs", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("/api/docs/swagger-ui-bundle.js").contains("/api/docs/initializer.js")
                .doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>|https?://");
        for (String asset : new String[] {"swagger-ui-bundle.js", "swagger-ui.css", "initializer.js", "docs.css"}) {
            Api.Response r = api.get("/api/docs/" + asset, null);
            assertThat(r.status()).as(asset).isEqualTo(200);
            assertThat(r.body()).as(asset).isNotEmpty();
        }
        assertThat(api.get("/api/docs/initializer.js", null).body()).contains("url: \"/openapi\"");
        assertThat(api.get("/api/docs/index.html", null).status()).as("the WebJar's own page").isEqualTo(404);
        assertThat(api.get("/api/docs/..%2F..%2Fapplication.yaml", null).status()).isEqualTo(404);
    }

    private static JsonNode resolve(JsonNode node) {
        if (!node.has("$ref")) {
            return node;
        }
        String pointer = node.get("$ref").asText().substring(1);
        return resolve(document.at(pointer));
    }
}
