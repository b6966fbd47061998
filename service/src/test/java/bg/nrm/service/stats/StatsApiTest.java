package bg.nrm.service.stats;

import bg.nrm.keys.password.PasswordHasher;
import bg.nrm.rules.RiskLevel;
import bg.nrm.rules.routing.OrganisationType;
import bg.nrm.service.Api;
import bg.nrm.service.TestService;
import bg.nrm.service.auth.Role;
import bg.nrm.service.auth.UserStore;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.directory.OrganisationStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statistics as a commission analyst uses them, over real HTTP on a real SQLite file. March 2026 holds a month of
 * varied screenings: Plovdiv (BG-16) 12 HIGH, 7 MEDIUM, 2 LOW, 9 NONE; Veliko Tarnovo (BG-04) 6 HIGH, 1 LOW; Sofia
 * (BG-22) 20 MEDIUM; and April 2026 5 HIGH in Plovdiv. Real screenings are in
 * {@link StatsMechanismTest}.
 */
class StatsApiTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Api api;
    static String plovdiv;
    static String national;

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
        plovdiv = api.token("commission.plovdiv");
        national = api.token("commission.national");
        YearMonth march = YearMonth.of(2026, 3);
        StatsRows.add(service.app.database(), march, "BG-16", RiskLevel.HIGH, 12);
        StatsRows.add(service.app.database(), march, "BG-16", RiskLevel.MEDIUM, 7);
        StatsRows.add(service.app.database(), march, "BG-16", RiskLevel.LOW, 2);
        StatsRows.add(service.app.database(), march, "BG-16", RiskLevel.NONE, 9);
        StatsRows.add(service.app.database(), march, "BG-04", RiskLevel.HIGH, 6);
        StatsRows.add(service.app.database(), march, "BG-04", RiskLevel.LOW, 1);
        StatsRows.add(service.app.database(), march, "BG-22", RiskLevel.MEDIUM, 20);
        StatsRows.add(service.app.database(), YearMonth.of(2026, 4), "BG-16", RiskLevel.HIGH, 5);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void plovdivCommissionSeesItsRegionWithTheSmallCellAndTheNextSmallestSuppressed() {
        Api.Response r = api.get("/api/v1/stats?from=2026-03&to=2026-03&by=level", plovdiv);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode t = r.json();
        assertThat(t.get("region").asText()).isEqualTo("BG-16");
        assertThat(t.get("threshold").asInt()).isEqualTo(5);
        assertThat(t.get("unit").asText()).isEqualTo("screenings");
        assertThat(t.get("total").asLong()).isEqualTo(30);
        assertThat(t.has("totalSuppressed")).isFalse();
        assertThat(t.get("cells").toString()).isEqualTo("[{\"level\":\"NONE\",\"count\":9},"
                + "{\"level\":\"LOW\",\"count\":null,\"suppressed\":true},"
                + "{\"level\":\"MEDIUM\",\"count\":null,\"suppressed\":true},"
                + "{\"level\":\"HIGH\",\"count\":12}]");
    }

    @Test
    void plovdivCommissionIsRefusedVelikoTarnovo() {
        Api.Response r = api.get("/api/v1/stats?from=2026-03&to=2026-03&by=level&region=BG-04", plovdiv);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/stats/mechanism?from=2026-03&to=2026-03&region=BG-04", plovdiv).status())
                .isEqualTo(403);
    }

    @Test
    void nationalCommissionSeesBothRegionsAndAllRegionsTogether() {
        JsonNode tarnovo = api.get("/api/v1/stats?from=2026-03&to=2026-03&by=level&region=BG-04", national).json();
        assertThat(tarnovo.get("region").asText()).isEqualTo("BG-04");
        assertThat(tarnovo.get("total").asLong()).isEqualTo(7);
        assertThat(tarnovo.get("cells").findValues("suppressed")).hasSize(2);

        JsonNode plovdivTable = api.get("/api/v1/stats?from=2026-03&to=2026-03&by=level&region=BG-16", national).json();
        assertThat(plovdivTable.get("total").asLong()).isEqualTo(30);

        JsonNode all = api.get("/api/v1/stats?from=2026-03&to=2026-03&by=region", national).json();
        assertThat(all.get("region").asText()).isEqualTo("ALL");
        assertThat(all.get("cells").toString()).isEqualTo("[{\"region\":\"BG-04\",\"count\":7},"
                + "{\"region\":\"BG-16\",\"count\":30},{\"region\":\"BG-22\",\"count\":20}]");
        assertThat(all.get("total").asLong()).isEqualTo(57);
    }

    @Test
    void aCommissionCoveringSeveralRegionsMustNameOne() {
        service.app.database().inTransaction(c -> {
            OrganisationStore.insert(c, new Organisation("lc-test-two-regions", "МКБТХ – две области",
                    OrganisationType.LOCAL_COMMISSION, "BG-16", List.of("BG-16", "BG-13"), true, true, null, null, null),
                    0L);
            UserStore.insertIfAbsent(c, new UserStore.User("commission.two", PasswordHasher.argon2id()
                    .hash(TestService.PASSWORD.toCharArray()), Role.COMMISSION, "lc-test-two-regions"), 0L);
            return null;
        });
        String two = api.token("commission.two");

        Api.Response r = api.get("/api/v1/stats?from=2026-03&to=2026-03&by=level", two);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("region");
        assertThat(api.get("/api/v1/stats?from=2026-03&to=2026-03&by=level&region=BG-16", two).json()
                .get("total").asLong()).isEqualTo(30);
        assertThat(api.get("/api/v1/stats?from=2026-03&to=2026-03&by=level&region=BG-04", two).status()).isEqualTo(403);
    }

    @Test
    void everyOtherRoleIsRefusedAndAnonymousCallersMustSignIn() {
        for (String user : List.of("screener.plovdiv", "crisis.plovdiv", "ozd.plovdiv", "admin", "auditor")) {
            String token = api.token(user);
            assertThat(api.get("/api/v1/stats?from=2026-03&to=2026-03", token).status()).as(user).isEqualTo(403);
            assertThat(api.get("/api/v1/stats/mechanism?from=2026-03&to=2026-03", token).status()).as(user)
                    .isEqualTo(403);
        }
        assertThat(api.get("/api/v1/stats?from=2026-03&to=2026-03", null).status()).isEqualTo(401);
    }

    @Test
    void wrongParametersAreFieldErrorsThatDoNotEchoTheInput() {
        assertThat(fieldsOf("by=level,shoeSize")).containsExactly("by");
        assertThat(fieldsOf("by=month,level,gender")).containsExactly("by");
        assertThat(fieldsOf("by=level,level")).containsExactly("by");
        assertThat(api.get("/api/v1/stats?from=2026-03&to=2026-03&by=shoeSize", plovdiv).body()).doesNotContain("shoeSize");

        assertThat(fields("/api/v1/stats?from=2026-3&to=2026-13")).containsExactly("from", "to");
        assertThat(fields("/api/v1/stats?to=2026-03")).containsExactly("from");
        assertThat(fields("/api/v1/stats?from=2026-05&to=2026-03")).containsExactly("to");
        assertThat(fields("/api/v1/stats?from=2021-03&to=2026-03")).containsExactly("to");
        assertThat(fields("/api/v1/stats?from=2021-04&to=2026-03&region=BG-99")).containsExactly("region");
        assertThat(fields("/api/v1/stats/mechanism?from=2026-03&to=2026-03&by=level")).containsExactly("by");
    }

    @Test
    void aTwoWayTablePublishesMarginsAndNoSuppressedNumberCanBeNarrowedBelowFive() {
        JsonNode t = api.get("/api/v1/stats?from=2026-03&to=2026-04&by=month,level", plovdiv).json();

        assertThat(t.get("by").toString()).isEqualTo("[\"month\",\"level\"]");
        assertThat(t.get("total").asLong()).isEqualTo(35);
        assertThat(t.get("margins").get("month").size()).isEqualTo(2);
        assertThat(t.get("margins").get("level").size()).isEqualTo(4);
        for (JsonNode cell : t.get("cells")) {
            assertThat(cell.get("count").isNull()).isEqualTo(cell.path("suppressed").asBoolean(false));
        }
        // The true table, months by levels NONE, LOW, MEDIUM, HIGH; the published pattern is read back from JSON.
        long[][] truth = {{9, 2, 7, 12}, {0, 0, 0, 5}};
        List<String> months = List.of("2026-03", "2026-04");
        List<String> levels = List.of("NONE", "LOW", "MEDIUM", "HIGH");
        boolean[][] hidden = new boolean[2][4];
        for (JsonNode cell : t.get("cells")) {
            hidden[months.indexOf(cell.get("month").asText())][levels.indexOf(cell.get("level").asText())] =
                    cell.path("suppressed").asBoolean(false);
        }
        boolean[] rows = new boolean[2];
        boolean[] cols = new boolean[4];
        for (JsonNode m : t.get("margins").get("month")) {
            rows[months.indexOf(m.get("month").asText())] = m.path("suppressed").asBoolean(false);
        }
        for (JsonNode m : t.get("margins").get("level")) {
            cols[levels.indexOf(m.get("level").asText())] = m.path("suppressed").asBoolean(false);
        }
        Suppression.TwoWay published = new Suppression.TwoWay(hidden, rows, cols, t.get("total").isNull());
        assertThat(hidden[0][1]).as("LOW in March, 2 screenings").isTrue();
        assertThat(FeasibleRange.twoWay(truth, published))
                .allSatisfy(range -> assertThat(range.values()).isGreaterThanOrEqualTo(5));
    }

    @Test
    void theLevelMarginsOfATwoWayTableAreHiddenExactlyAsTheOneWayTableByLevel() {
        JsonNode oneWay = api.get("/api/v1/stats?from=2026-03&to=2026-04&by=level", plovdiv).json();
        JsonNode twoWay = api.get("/api/v1/stats?from=2026-03&to=2026-04&by=month,level", plovdiv).json();

        assertThat(twoWay.get("margins").get("level").toString()).isEqualTo(oneWay.get("cells").toString());
        assertThat(twoWay.get("total")).isEqualTo(oneWay.get("total"));
    }

    @Test
    void aMultiValuedBreakdownCountsMentionsAndSaysSo() {
        JsonNode t = api.get("/api/v1/stats?from=2026-03&to=2026-03&by=dimension", plovdiv).json();

        assertThat(t.get("unit").asText()).isEqualTo("mentions");
        assertThat(t.get("total").asLong()).isEqualTo(12 + 12 + 7 + 2 + 9);
        assertThat(t.get("cells").toString()).contains("{\"dimension\":\"EX\",\"count\":19}")
                .contains("{\"dimension\":\"DR\",\"count\":null,\"suppressed\":true}");
    }

    @Test
    void theCsvFormOpensAsColumnsInABulgarianSpreadsheet() {
        Api.Response r = api.get("/api/v1/stats?from=2026-03&to=2026-03&by=level", plovdiv,
                Map.of("Accept", "text/csv"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.raw().headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"nrm-stats-BG-16-2026-03-2026-03.csv\"");
        assertThat(r.body()).startsWith("\uFEFF");
        // Semicolons: the list separator of Excel set to Bulgarian (a comma-separated file opens there as one column).
        assertThat(r.body().substring(1).split("\r\n")).containsExactly(
                "Ниво на риска (level);Брой (count);Потиснато (suppressed)",
                "NONE;9;false", "LOW;;true", "MEDIUM;;true", "HIGH;12;false",
                "Общо (total);30;false");
    }

    @Test
    void csvFieldsCannotStartAFormula() {
        assertThat(StatsCsv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(StatsCsv.field("=SUM(A1;A2)")).isEqualTo("\"'=SUM(A1;A2)\"");
        assertThat(StatsCsv.field("+359")).isEqualTo("'+359");
        assertThat(StatsCsv.field("-1")).isEqualTo("'-1");
        assertThat(StatsCsv.field("@cmd")).isEqualTo("'@cmd");
        assertThat(StatsCsv.field("50+")).isEqualTo("50+");
        assertThat(StatsCsv.field("a;b")).isEqualTo("\"a;b\"");
        assertThat(StatsCsv.field("0,85")).isEqualTo("0,85");
        assertThat(StatsCsv.decimal(0.85)).isEqualTo("0,85");
    }

    @Test
    void aClientThatAcceptsNeitherJsonNorCsvGets406() {
        Api.Response r = api.get("/api/v1/stats?from=2026-03&to=2026-03", plovdiv, Map.of("Accept", "application/xml"));

        assertThat(r.status()).isEqualTo(406);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/stats?from=2026-03&to=2026-03", plovdiv, Map.of("Accept", "*/*")).contentType())
                .startsWith("application/json");
    }

    private List<String> fieldsOf(String by) {
        return fields("/api/v1/stats?from=2026-03&to=2026-03&" + by);
    }

    private List<String> fields(String path) {
        Api.Response r = api.get(path, plovdiv);
        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        return r.json().get("errors").findValuesAsText("field");
    }
}
