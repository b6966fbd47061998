package bg.nrm.service.web;

import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page budget: no page transfers more than 300 KB on a first visit with an empty cache, counting the page
 * (gzipped as sent) and everything it loads: styles, scripts and the modules they import, and every font file the
 * styles name (more than a browser fetches). Also: pages and assets are sent compressed, and assets are cached.
 */
class PageWeightTest {
    private static final int BUDGET = 300 * 1024;
    private static final Pattern PAGE_ASSET = Pattern.compile("(?:href|src)=\"(/assets/[^\"]+)\"");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\"?([^)\"]+)\"?\\)");
    private static final Pattern JS_IMPORT = Pattern.compile("from\\s*['\"](\\./[^'\"]+)['\"]");

    @TempDir
    static Path dataDir;
    static TestService service;
    static HttpClient http = HttpClient.newHttpClient();
    static String screenerCookie;
    static String recipientCookie;
    static String screeningId;
    static String referralId;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.sqlite(dataDir);
        var created = service.api.post("/api/v1/screenings", service.api.token("screener.plovdiv"),
                Screenings.json(Screenings.highRiskChild("BG-16"))).json();
        screeningId = created.get("id").asText();
        for (var r : created.get("referrals")) {
            if (r.get("recipient").get("id").asText().equals("cc-children-plovdiv")) {
                referralId = r.get("id").asText();
            }
        }
        screenerCookie = signIn("screener.plovdiv");
        recipientCookie = signIn("crisis.plovdiv");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "screener:/screenings", "screener:/screenings/new",
        "screener:/screenings/new?questionnaire=child-risk", "screener:/screenings/new?questionnaire=adult-risk",
        "screener:/screenings/{screening}", "recipient:/inbox", "recipient:/referrals/{referral}"})
    void aFirstVisitTransfersLessThan300Kilobytes(String spec) throws Exception {
        String cookie = spec.startsWith("screener:") ? screenerCookie : spec.startsWith("recipient:") ? recipientCookie : null;
        String path = spec.replaceFirst("^[a-z]+:", "").replace("{screening}", screeningId).replace("{referral}", referralId);
        HttpResponse<byte[]> page = get(path, cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Encoding")).contains("gzip");
        String html = gunzip(page.body());
        long total = page.body().length;
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        Matcher m = PAGE_ASSET.matcher(html);
        while (m.find()) {
            queue.add(m.group(1));
        }
        while (!queue.isEmpty()) {
            String asset = queue.poll();
            if (!seen.add(asset)) {
                continue;
            }
            HttpResponse<byte[]> res = get(asset, null);
            assertThat(res.statusCode()).as(asset).isEqualTo(200);
            assertThat(res.headers().firstValue("Cache-Control")).as(asset).contains("public, max-age=31536000, immutable");
            total += res.body().length;
            String base = asset.substring(0, asset.lastIndexOf('/') + 1);
            if (asset.endsWith(".css") || asset.endsWith(".js") || asset.endsWith(".mjs")) {
                String text = res.headers().firstValue("Content-Encoding").isPresent() ? gunzip(res.body())
                        : new String(res.body(), StandardCharsets.UTF_8);
                Matcher refs = (asset.endsWith(".css") ? CSS_URL : JS_IMPORT).matcher(text);
                while (refs.find()) {
                    String ref = refs.group(1);
                    // GOV.UK's own images and fonts are named by its CSS but never used by our pages.
                    if (!ref.startsWith("/assets/fonts/") && !ref.startsWith("/assets/images/") && !ref.startsWith("data:")) {
                        queue.add(ref.startsWith("./") ? base + ref.substring(2) : ref.startsWith("/") ? ref : base + ref);
                    }
                }
            }
        }
        System.out.printf("page weight %s: %d bytes compressed, %d files%n", path, total, seen.size() + 1);
        assertThat(total).as(path).isLessThan(BUDGET);
    }

    private static HttpResponse<byte[]> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.api.base() + path))
                .header("Accept-Encoding", "gzip");
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String signIn(String username) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(service.api.base() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + TestService.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(303);
        return res.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
