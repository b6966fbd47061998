package bg.nrm.service.bench;

import bg.nrm.service.MutableClock;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server time of each web page on this machine (not part of the test suite; run with bench/web-bench.sh): one
 * browser-like client on loopback, requests one after another, gzip accepted; time from sending the request to the
 * last byte of the page (so the server's time plus a loopback round trip). Every role's pages, each after a warm-up
 * of the same number of requests. Prints the median and the 99th percentile per page and the load average before and
 * after; asserts nothing.
 */
public final class WebBenchmark {
    private WebBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("nrm-web-bench");
        System.out.println("load average before: " + loadAverage() + "; processors: "
                + Runtime.getRuntime().availableProcessors() + "; rounds per page: " + rounds);
        try (TestService service = TestService.start(dir, new MutableClock(),
                Map.of("nrm.limits.account-requests-per-minute", "1000000",
                        "nrm.limits.address-requests-per-minute", "1000000",
                        // The demo's 60 statistics rows, so that the commission's page has tables to draw.
                        "nrm.demo.statistics", "true"))) {
            HttpClient http = HttpClient.newHttpClient();
            var created = service.api.post("/api/v1/screenings", service.api.token("screener.plovdiv"),
                    Screenings.json(Screenings.highRiskChild("BG-16"))).json();
            String screening = created.get("id").asText();
            String referral = null;
            for (var r : created.get("referrals")) {
                if (r.get("recipient").get("id").asText().equals("cc-children-plovdiv")) {
                    referral = r.get("id").asText();
                }
            }
            String screener = signIn(http, service, "screener.plovdiv");
            String recipient = signIn(http, service, "crisis.plovdiv");
            String commission = signIn(http, service, "commission.plovdiv");
            String admin = signIn(http, service, "admin");
            String auditor = signIn(http, service, "auditor");
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("/", null);
            pages.put("/screenings", screener);
            pages.put("/screenings/new", screener);
            pages.put("/screenings/new?questionnaire=child-risk", screener);
            pages.put("/screenings/new?questionnaire=adult-risk", screener);
            pages.put("/screenings/" + screening, screener);
            pages.put("/screenings/" + screening + "/referrals", screener);
            pages.put("/inbox", recipient);
            pages.put("/inbox/rows", recipient);
            pages.put("/referrals/" + referral, recipient);
            pages.put("/stats", commission);
            pages.put("/admin/organisations", admin);
            pages.put("/admin/organisations/cc-children-plovdiv", admin);
            pages.put("/admin/users", admin);
            pages.put("/admin/users/screener.plovdiv", admin);
            pages.put("/audit", auditor);
            System.out.printf("%-60s %10s %10s%n", "page", "median ms", "p99 ms");
            for (Map.Entry<String, String> page : pages.entrySet()) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.api.base() + page.getKey()))
                        .header("Accept-Encoding", "gzip");
                if (page.getValue() != null) {
                    b.header("Cookie", page.getValue());
                }
                HttpRequest request = b.build();
                for (int i = 0; i < rounds; i++) {
                    http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                }
                long[] nanos = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    long start = System.nanoTime();
                    HttpResponse<byte[]> res = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    nanos[i] = System.nanoTime() - start;
                    if (res.statusCode() != 200) {
                        throw new IllegalStateException(page.getKey() + " answered " + res.statusCode());
                    }
                }
                Arrays.sort(nanos);
                String shown = page.getKey().replaceAll("[0-9a-f-]{36}", "{id}");
                int p99 = Math.max(0, (int) Math.ceil(rounds * 0.99) - 1);
                System.out.printf("%-60s %10.2f %10.2f%n", shown, nanos[rounds / 2] / 1e6, nanos[p99] / 1e6);
            }
        }
        System.out.println("load average after: " + loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "(unknown)";
        }
    }

    private static String signIn(HttpClient http, TestService service, String username) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(service.api.base() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + TestService.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        return res.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }
}
