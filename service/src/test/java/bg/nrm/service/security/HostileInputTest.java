package bg.nrm.service.security;

import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.auth.RouteAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input over every route of {@link RouteAccess}: oversized and deeply nested bodies, {@code null}, invalid
 * UTF-8, NUL and control characters, wrong types, injection strings in every field and query parameter, CRLF in
 * headers, forged, expired and wrongly signed tokens, replayed idempotency keys. Every answer is a 4xx problem
 * document (never a 5xx or a stack trace), the service stays healthy, and the log holds neither the payloads nor
 * any token.
 */
class HostileInputTest {
    static final String MARK = "HOSTILE-7f3a";
    static final List<String> INJECTIONS = List.of("' OR '1'='1' --" + MARK, "<script>alert('" + MARK + "')</script>",
            "${jndi:ldap://127.0.0.1/" + MARK + "}", "../../../../etc/passwd" + MARK, "\u0000" + MARK + "\u0001\u001f",
            "{{7*7}}" + MARK, "%0d%0aSet-Cookie:" + MARK);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path otherDir;
    static TestService service;
    static Api api;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<String> answers = new ArrayList<>();
    static final List<String> tokensSeen = new ArrayList<>();

    @BeforeAll
    static void start() {
        service = TestService.start(dataDir, new MutableClock(), Map.of());
        api = service.api;
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void everyRouteAnswersHostileBodiesWithA4xxProblem() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            String screener = token("screener.plovdiv");
            String admin = token("admin");
            String recipient = token("ozd.plovdiv");
            byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
            List<byte[]> bodies = new ArrayList<>(List.of(
                    "null".getBytes(StandardCharsets.UTF_8),
                    ("{\"x\":\"" + "A".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8),
                    ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8),
                    ("{\"a\":".repeat(1_000) + "1" + "}".repeat(1_000)).getBytes(StandardCharsets.UTF_8),
                    invalidUtf8,
                    "{\"username\":[1,2],\"subject\":\"x\",\"answers\":[],\"fingerprint\":{}}".getBytes(StandardCharsets.UTF_8),
                    "\u0000\u0001\u0002".getBytes(StandardCharsets.UTF_8),
                    "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)));
            for (String injection : INJECTIONS) {
                bodies.add(("{\"username\":" + json(injection) + ",\"password\":" + json(injection) + ",\"reason\":"
                        + json(injection) + ",\"decision\":" + json(injection) + ",\"fingerprint\":" + json(injection)
                        + "}").getBytes(StandardCharsets.UTF_8));
            }
            for (RouteAccess.Row row : RouteAccess.ROWS) {
                if (row.method().equals("GET") || row.method().equals("DELETE") || row.path().endsWith("/logout")
                        || row.path().endsWith("/kek/rotate")) {
                    continue;
                }
                String token = row.roles().contains(bg.nrm.service.auth.Role.ADMIN) ? admin
                        : row.roles().contains(bg.nrm.service.auth.Role.SCREENER) ? screener : recipient;
                String path = row.path().replace("{id}", "ozd-plovdiv").replace("{username}", "nobody.sample")
                        .replace("{fingerprint}", "A".repeat(40)).replace("{hash}", "kei1q4tipxxu1yj79k9kfukdhfy631xe");
                for (byte[] body : bodies) {
                    expect4xxProblem(row.method() + " " + path, send(row.method(), path, token, body, "application/json"));
                }
            }
            // Injection strings in every field of a real screening, and in every query parameter.
            for (String injection : INJECTIONS) {
                for (String field : List.of("ref", "gender", "citizenship", "region")) {
                    Map<String, Object> s = Screenings.highRiskChild("BG-16");
                    Screenings.subject(s).put(field, injection);
                    expect4xxOr2xx("screening " + field, send("POST", "/api/v1/screenings", screener,
                            Screenings.json(s).getBytes(StandardCharsets.UTF_8), "application/json"));
                }
                Map<String, Object> s = Screenings.highRiskChild("BG-16");
                Screenings.answers(s).put(injection, "yes");
                expect4xxProblem("answer code", send("POST", "/api/v1/screenings", screener,
                        Screenings.json(s).getBytes(StandardCharsets.UTF_8), "application/json"));
                String q = java.net.URLEncoder.encode(injection, StandardCharsets.UTF_8);
                String commission = token("commission.plovdiv");
                for (String query : List.of("from=" + q + "&to=2026-12&by=level", "from=2026-01&to=" + q + "&by=level",
                        "from=2026-01&to=2026-12&by=" + q, "from=2026-01&to=2026-12&by=level&region=" + q)) {
                    expect4xxProblem("stats " + query, send("GET", "/api/v1/stats?" + query, commission, null, null));
                }
                expect4xxProblem("questionnaire id", send("GET", "/api/v1/questionnaires/" + q, screener, null, null));
            }
            assertThat(api.get("/observe/health", null).status()).isIn(200, 204);
            String logged = log.text();
            assertThat(logged).doesNotContain(MARK);
            for (String t : tokensSeen) {
                assertThat(logged).doesNotContain(t);
            }
        }
        assertThat(answers).noneMatch(a -> a.contains("\tat ") || a.contains("Exception"));
    }

    @Test
    void forgedExpiredAndWronglySignedTokensAre401() {
        String genuine = token("screener.plovdiv");
        String[] parts = genuine.split("\\.");
        List<String> bad = new ArrayList<>(List.of(
                "not-a-token",
                Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                        + "." + (parts.length > 1 ? parts[1] : "e30") + ".",
                genuine + "x",
                genuine.substring(0, genuine.length() - 4) + "AAAA"));
        try (TestService other = TestService.sqlite(otherDir)) {
            bad.add(other.api.token("screener.plovdiv")); // signed with another installation's key
        }
        for (String t : bad) {
            Api.Response r = api.get("/api/v1/questionnaires", t);
            assertThat(r.status()).as(t).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        service.clock.advance(Duration.ofHours(2));
        try {
            assertThat(api.get("/api/v1/questionnaires", genuine).status()).as("expired").isEqualTo(401);
        } finally {
            service.clock.advance(Duration.ofHours(-2));
        }
    }

    @Test
    void crlfInHeadersIsRefusedBeforeRouting() {
        String token = token("screener.plovdiv");
        try (RawHttp c = RawHttp.connect("127.0.0.1", service.server.port())) {
            String answer = c.send("POST /api/v1/screenings HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + token
                    + "\r\nIdempotency-Key: a\rSet-Cookie: x=" + MARK + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n\r\n{}").readUntilClosed(Duration.ofSeconds(5));
            assertThat(answer).matches("(?s)HTTP/1.1 4\\d\\d .*").doesNotContain("Set-Cookie: x=");
        }
    }

    @Test
    void aReplayedIdempotencyKeyWithAnotherBodyIsRefused() {
        String token = token("screener.plovdiv");
        Map<String, String> key = Map.of("Idempotency-Key", "hostile-replay-1");
        Api.Response first = api.post("/api/v1/screenings", token, Screenings.json(Screenings.highRiskChild("BG-16")), key);
        Api.Response same = api.post("/api/v1/screenings", token, Screenings.json(Screenings.highRiskChild("BG-16")), key);
        Api.Response other = api.post("/api/v1/screenings", token, Screenings.json(Screenings.noRiskChild()), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(same.status()).isEqualTo(201);
        assertThat(same.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(other.status()).isBetween(400, 499);
        assertThat(other.contentType()).startsWith("application/problem+json");
    }

    private static String token(String user) {
        String t = api.token(user);
        tokensSeen.add(t);
        return t;
    }

    private static String json(String s) {
        return bg.nrm.service.http.Json.writeString(s);
    }

    private static Api.Response send(String method, String path, String token, byte[] body, String contentType) {
        HttpRequest.Builder b = api.builder(path, token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        try {
            HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = r.body()) {
                text = new String(in.readNBytes(20_000), StandardCharsets.UTF_8);
            }
            answers.add(text);
            return new Api.Response(r.statusCode(), text, r.headers().firstValue("Content-Type").orElse(""), null);
        } catch (java.io.IOException e) {
            // The server may close the connection on a refused oversized body after answering: count it as refused.
            return new Api.Response(413, "", "application/problem+json", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void expect4xxProblem(String what, Api.Response r) {
        assertThat(r.status()).as(what + ": " + r.body()).isBetween(400, 499);
        assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        assertThat(r.body()).as(what).doesNotContain(MARK);
    }

    private static void expect4xxOr2xx(String what, Api.Response r) {
        assertThat(r.status()).as(what + ": " + r.body()).isLessThan(500);
        assertThat(r.body()).as(what).doesNotContain(MARK);
    }
}
