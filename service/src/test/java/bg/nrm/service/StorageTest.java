package bg.nrm.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The same behaviour on the embedded SQLite file and on PostgreSQL: durable, encrypted at rest, all-or-nothing. */
class StorageTest {
    @TempDir
    Path dataDir;

    private Map<String, String> database(String kind) {
        return kind.equals("postgres") ? Map.of("nrm.db.url", TestService.freshPostgresSchema()) : Map.of();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void screeningSurvivesARestartOnTheSameData(String kind) {
        Map<String, String> db = database(kind);
        String id;
        long seeded;
        try (TestService first = TestService.start(dataDir, new MutableClock(), db)) {
            id = first.api.post("/api/v1/screenings", first.api.token("screener.plovdiv"),
                    Screenings.json(Screenings.highRiskChild("BG-16"))).json().get("id").asText();
            seeded = first.count("SELECT COUNT(*) FROM organisations");
        }
        try (TestService second = TestService.start(dataDir, new MutableClock(), db)) {
            JsonNode read = second.api.get("/api/v1/screenings/" + id, second.api.token("screener.plovdiv")).json();
            assertThat(read.get("assessment").get("level").asText()).isEqualTo("HIGH");
            assertThat(read.get("referrals").size()).isEqualTo(6);
            long orgs = second.count("SELECT COUNT(*) FROM organisations");
            assertThat(orgs).as("the demo seed does not duplicate on restart").isEqualTo(seeded).isGreaterThan(20);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void caseContentIsStoredOnlyEncrypted(String kind) throws IOException {
        try (TestService service = TestService.start(dataDir, new MutableClock(), database(kind))) {
            service.api.post("/api/v1/screenings", service.api.token("screener.plovdiv"),
                    Screenings.json(Screenings.highRiskChild("BG-16")));
            String everything = service.app.database().read(c -> {
                StringBuilder sb = new StringBuilder();
                for (String table : new String[] {"screenings", "referrals", "referral_events", "stats_screenings", "audit_log"}) {
                    try (var s = c.createStatement(); var rs = s.executeQuery("SELECT * FROM " + table)) {
                        int n = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= n; i++) {
                                Object v = rs.getObject(i);
                                sb.append(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v)).append('|');
                            }
                        }
                    }
                }
                return sb.toString();
            });
            assertThat(everything).doesNotContain("Мария").doesNotContain("CASE-2026-0042")
                    .doesNotContain("Гърция").doesNotContain("+359888000111");
        }
        if (kind.equals("sqlite")) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.filter(Files::isRegularFile).forEach(f -> {
                    String text = new String(readAll(f), StandardCharsets.UTF_8);
                    assertThat(text).as(f.toString()).doesNotContain("Мария").doesNotContain("Гърция")
                            .doesNotContain("CASE-2026-0042");
                });
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void rejectedScreeningLeavesNoTrace(String kind) {
        try (TestService service = TestService.start(dataDir, new MutableClock(), database(kind))) {
            String token = service.api.token("screener.plovdiv");
            long[] before = counts(service);
            Map<String, Object> body = Screenings.highRiskChild("BG-16");
            Screenings.answers(body).put("EX_SEXUAL", "perhaps");
            assertThat(service.api.post("/api/v1/screenings", token, Screenings.json(body)).status()).isEqualTo(400);
            assertThat(counts(service)).containsExactly(before);
        }
    }

    private static long[] counts(TestService service) {
        return service.app.database().read(c -> {
            long[] out = new long[3];
            String[] tables = {"screenings", "referrals", "stats_screenings"};
            for (int i = 0; i < tables.length; i++) {
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM " + tables[i])) {
                    rs.next();
                    out[i] = rs.getLong(1);
                }
            }
            return out;
        });
    }

    private static byte[] readAll(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
