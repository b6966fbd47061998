package bg.nrm.service.security;

import bg.nrm.service.Api;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.directory.WebhookAddressesTestAccess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Low and Medium input findings of issue 13, each as it was probed. */
class InputFindingsTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Api api;

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
    void aScreeningWithoutCitizenshipIsAccepted() {
        Map<String, Object> body = Screenings.highRiskChild("BG-16");
        Screenings.subject(body).remove("citizenship");
        Api.Response r = api.post("/api/v1/screenings", api.token("screener.plovdiv"), Screenings.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aJsonNullBodyIsA400OnEveryJsonRoute() {
        String screener = api.token("screener.plovdiv");
        String admin = api.token("admin");
        for (Api.Response r : List.of(
                api.post("/api/v1/auth/token", null, "null"),
                api.post("/api/v1/screenings", screener, "null"),
                api.post("/api/v1/organisations", admin, "null"),
                api.send(api.builder("/api/v1/organisations/ozd-plovdiv", admin).header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("null")).build()),
                api.post("/api/v1/organisations/ozd-plovdiv/keys/confirm", api.token("ozd.plovdiv"), "null"))) {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void unknownFieldNamesAreNotEchoed() {
        String screener = api.token("screener.plovdiv");
        for (String hostile : List.of("<img src=x onerror=alert(1)>", "x".repeat(10_000))) {
            Map<String, Object> body = Screenings.highRiskChild("BG-16");
            Screenings.subject(body).put(hostile, 1);
            Api.Response r = api.post("/api/v1/screenings", screener, Screenings.json(body));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).doesNotContain("<img").doesNotContain("xxxxxxxxxx");
            assertThat(r.body().length()).isLessThan(1000);
        }
        Map<String, Object> body = Screenings.highRiskChild("BG-16");
        Screenings.subject(body).put("nickname", "M");
        assertThat(api.post("/api/v1/screenings", screener, Screenings.json(body)).json().get("errors")
                .findValuesAsText("field")).as("a plain name is still named").contains("subject.nickname");
    }

    @Test
    void numbersAndBooleansAreNotTextForTextFields() {
        Api.Response number = api.post("/api/v1/auth/token", null, "{\"username\":15,\"password\":\"b\"}");
        Api.Response bool = api.post("/api/v1/auth/token", null, "{\"username\":\"a\",\"password\":true}");
        Map<String, Object> body = Screenings.highRiskChild("BG-16");
        Screenings.subject(body).put("ref", 12345);
        Api.Response screening = api.post("/api/v1/screenings", api.token("screener.plovdiv"), Screenings.json(body));
        for (Api.Response r : List.of(number, bool, screening)) {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
        }
        JsonNode errors = screening.json().get("errors");
        assertThat(errors.findValuesAsText("field")).contains("subject.ref");
    }

    @Test
    void theDatabaseFilesAreReadableByTheOwnerOnly() throws Exception {
        for (String name : new String[] {"nrm.db", "nrm.db-wal"}) {
            Path f = dataDir.resolve(name);
            if (Files.exists(f)) {
                assertThat(Files.getPosixFilePermissions(f)).as(name)
                        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            }
        }
        assertThat(dataDir.resolve("nrm.db")).exists();
    }

    @Test
    void oneAccountCannotHoldEveryLiveAlertSlotOfItsOrganisation() throws Exception {
        String token = api.token("crisis.plovdiv");
        HttpClient http = HttpClient.newHttpClient();
        List<HttpResponse<java.io.InputStream>> open = new ArrayList<>();
        try {
            int refused = 0;
            for (int i = 0; i < 6; i++) {
                HttpResponse<java.io.InputStream> r = http.send(api.builder("/api/v1/alerts", token).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                open.add(r);
                refused += r.statusCode() == 429 ? 1 : 0;
            }
            assertThat(refused).as("streams beyond the account's share").isEqualTo(3);
        } finally {
            for (HttpResponse<java.io.InputStream> r : open) {
                r.body().close();
            }
        }
    }

    @Test
    void webhooksRefuseIpv6FormsOfPrivateAddressesAndReservedRanges() {
        String admin = api.token("admin");
        for (String host : List.of("[::ffff:10.0.0.1]", "[::ffff:a00:1]", "[::10.0.0.1]", "[64:ff9b::a00:1]",
                "[64:ff9b:1::a00:1]", "[2002:a00:1::1]", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "[fc00::1]",
                "[fe80::1]", "[fec0::1]", "[ff02::1]", "[::]", "[2001:db8::1]", "[100::1]",
                "0.0.0.0", "169.254.169.254", "192.0.0.8", "198.18.0.1", "240.0.0.1", "255.255.255.255",
                "100.64.0.1", "192.88.99.1", "203.0.113.5")) {
            Api.Response r = api.send(api.builder("/api/v1/organisations/ozd-plovdiv", admin)
                    .header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"webhookUrl\":\"https://" + host + "/hook\"}")).build());
            assertThat(r.status()).as(host).isEqualTo(400);
        }
        Api.Response publicAddress = api.send(api.builder("/api/v1/organisations/ozd-plovdiv", admin)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"webhookUrl\":\"https://[2a00:1450:4001::1]/hook\"}"))
                .build());
        assertThat(publicAddress.status()).isEqualTo(200);
    }

    @Test
    void aWebhookNameIsResolvedOnceAndItsCheckedAddressIsTheOneUsed() throws Exception {
        // "localhost" is allowed by name; any other name that leads to an internal address is refused by the
        // resolver the delivery client connects through (this machine's own name leads to loopback or a private
        // address), and the resolver hands back the very address it checked.
        assertThat(WebhookAddressesTestAccess.resolve("localhost", false).isLoopbackAddress()).isTrue();
        String ownName = java.net.InetAddress.getLocalHost().getHostName();
        java.net.InetAddress[] own = java.net.InetAddress.getAllByName(ownName);
        if (WebhookAddressesTestAccess.internal(own[0])) {
            assertThat(WebhookAddressesTestAccess.refuses(ownName, false)).isTrue();
        }
        assertThat(WebhookAddressesTestAccess.resolve(ownName, true)).isIn((Object[]) own);
        assertThat(WebhookAddressesTestAccess.deliverable(URI.create("https://[::ffff:192.168.1.1]/x"))).isFalse();
    }
}
