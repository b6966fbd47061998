package bg.nrm.service.security;

import bg.nrm.service.Api;
import bg.nrm.service.RouteRecorder;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.auth.Role;
import bg.nrm.service.auth.RouteAccess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route × role table ({@link RouteAccess}) against the real service: every registered route has a row, and every
 * row answers every demo user (and a caller without a token) as the row says.
 */
class RouteAccessTest {
    /** The demo users and their roles (DESIGN.md §8). */
    static final Map<String, Role> USERS = new LinkedHashMap<>();

    static {
        USERS.put("screener.plovdiv", Role.SCREENER);
        USERS.put("screener.etropole", Role.SCREENER);
        USERS.put("crisis.plovdiv", Role.RECIPIENT);
        USERS.put("ozd.plovdiv", Role.RECIPIENT);
        USERS.put("commission.plovdiv", Role.COMMISSION);
        USERS.put("commission.national", Role.COMMISSION);
        USERS.put("admin", Role.ADMIN);
        USERS.put("auditor", Role.AUDITOR);
    }

    @TempDir
    static Path dataDir;
    static TestService service;
    static Api api;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void everyRegisteredRouteHasARow() {
        Set<String> registered = new TreeSet<>(RouteRecorder.routesOf(service.app::routing));
        // Web pages have their own deny-by-default guard and tests (PageAccessTest, RolePagesAccessTest).
        registered.removeIf(RouteAccess::isPage);
        Set<String> inTable = RouteAccess.ROWS.stream().map(r -> r.method() + " " + r.path())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(registered).as("routes found in the routing").isNotEmpty().contains("POST /api/v1/screenings");
        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(inTable);
        assertThat(missing).as("registered routes without a row in RouteAccess").isEmpty();
    }

    @Test
    void everyRowAnswersEveryDemoUserAsTheTableSays() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        USERS.keySet().forEach(u -> tokens.put(u, api.token(u)));
        List<String> wrong = new ArrayList<>();
        for (RouteAccess.Row row : RouteAccess.ROWS) {
            int anonymous = call(row, null);
            if (row.scope() == RouteAccess.Scope.PUBLIC) {
                if (anonymous == 401 || anonymous == 403) {
                    wrong.add(row + " without a token: " + anonymous);
                }
            } else if (anonymous != 401) {
                wrong.add(row + " without a token: " + anonymous + " (expected 401)");
            }
            for (Map.Entry<String, Role> user : USERS.entrySet()) {
                // Signing out ends the token: that row gets a token of its own.
                String token = row.path().endsWith("/logout") ? api.token(user.getKey()) : tokens.get(user.getKey());
                int status = call(row, token);
                boolean admitted = row.admits(user.getValue());
                if (admitted && (status == 401 || status == 403) && row.scope() != RouteAccess.Scope.OWN_ORGANISATION) {
                    wrong.add(row + " as " + user.getKey() + ": " + status + " (expected to pass the access check)");
                }
                if (admitted && status == 401) {
                    wrong.add(row + " as " + user.getKey() + ": 401");
                }
                if (!admitted && status != 403) {
                    wrong.add(row + " as " + user.getKey() + ": " + status + " (expected 403)");
                }
                if (status >= 500) {
                    wrong.add(row + " as " + user.getKey() + ": " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void organisationScopedRowsKeepOtherOrganisationsOut() {
        JsonNode created = api.post("/api/v1/screenings", api.token("screener.plovdiv"),
                Screenings.json(Screenings.highRiskChild("BG-16"))).json();
        String screening = created.get("id").asText();
        String referralToCrisisCentre = null;
        for (JsonNode r : created.get("referrals")) {
            if (r.get("recipient").get("id").asText().equals("cc-children-plovdiv")) {
                referralToCrisisCentre = r.get("id").asText();
            }
        }
        assertThat(api.get("/api/v1/screenings/" + screening, api.token("screener.plovdiv")).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/screenings/" + screening, api.token("screener.etropole")).status()).isEqualTo(404);
        String envelope = "/api/v1/referrals/" + referralToCrisisCentre + "/envelope";
        assertThat(api.get(envelope, api.token("crisis.plovdiv")).status()).isEqualTo(200);
        assertThat(api.get(envelope, api.token("ozd.plovdiv")).status()).isIn(403, 404);
        assertThat(api.post("/api/v1/referrals/" + referralToCrisisCentre + "/revoke", api.token("screener.etropole"),
                "{\"reason\":\"x\"}").status()).isIn(403, 404);
        assertThat(api.post("/api/v1/organisations/ozd-plovdiv/keys/confirm", api.token("crisis.plovdiv"),
                "{\"fingerprint\":\"" + "A".repeat(40) + "\"}").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/stats?from=2026-01&to=2026-12&by=level&region=BG-04",
                api.token("commission.plovdiv")).status()).isEqualTo(403);
    }

    /** Calls a row with sample path values and an empty JSON body; returns the status (streams are cut short). */
    static int call(RouteAccess.Row row, String token) throws IOException, InterruptedException {
        String path = row.path().replace("{id}", "sample-id").replace("{username}", "nobody.sample").replace("{file}", "index.html")
                .replace("{hash}", "kei1q4tipxxu1yj79k9kfukdhfy631xe").replace("{fingerprint}", "A".repeat(40));
        if (path.equals("/api/v1/stats") || path.equals("/api/v1/stats/mechanism")) {
            path += "?from=2026-01&to=2026-12&by=level";
        }
        HttpRequest.Builder b = api.builder(path, token);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");
        switch (row.method()) {
            case "GET" -> b.GET();
            case "DELETE" -> b.DELETE();
            default -> b.header("Content-Type", "application/json").method(row.method(), body);
        }
        HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        r.body().close();
        return r.statusCode();
    }
}
