package bg.nrm.service.referral;

import bg.nrm.service.Api;
import bg.nrm.service.Gpg;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The referral document version 2 as its readers get it: a duty officer with stock gpg, and software that parses the
 * MIME entity and validates the JSON part against the published schema. Each kind of document (identified,
 * anonymised, minimum data) carries what it may and says so.
 */
class ReferralDocumentTest {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    @TempDir
    Path dataDir;
    TestService service;
    Api api;

    @BeforeEach
    void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private JsonNode submit(Map<String, Object> body) {
        Api.Response r = api.post("/api/v1/screenings", api.token("screener.plovdiv"), Screenings.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static JsonNode referralTo(JsonNode screening, String organisationId) {
        return StreamSupport.stream(screening.get("referrals").spliterator(), false)
                .filter(r -> r.get("recipient").get("id").asText().equals(organisationId)).findFirst().orElseThrow();
    }

    // The envelope as the service serves it: stored binary, armored on the way out.
    private String envelope(String referralId) {
        return new ReferralStore(service.app.database()).envelope(referralId).orElseThrow();
    }


    private OpenedReferral open(JsonNode referral) {
        return OpenedReferral.open(envelope(referral.get("id").asText()), dataDir.resolve("keys"),
                referral.get("recipient").get("id").asText(), api.get("/api/v1/service-key", null).body());
    }

    @Test
    void dutyOfficerWithStockGpgReadsABilingualDocumentSayingWhatToDoByWhenAndWhoToCall(@TempDir Path gnupgHome)
            throws Exception {
        assumeTrue(Gpg.available(), "Debian's gpg is needed (installed by .ci/run)");
        JsonNode referral = referralTo(submit(Screenings.highRiskChild("BG-16")), "cc-children-plovdiv");
        String crisis = api.token("crisis.plovdiv");
        String envelope = api.get("/api/v1/referrals/" + referral.get("id").asText() + "/envelope", crisis).body();
        Api.Response serviceKey = api.get("/api/v1/service-key", null);

        Gpg gpg = new Gpg(gnupgHome);
        Path serviceCert = Files.writeString(gnupgHome.resolve("service.asc"), serviceKey.body());
        Path message = Files.writeString(gnupgHome.resolve("referral.asc"), envelope);
        assertThat(gpg.run("--import", dataDir.resolve("keys/cc-children-plovdiv.secret.asc").toString(),
                serviceCert.toString()).exit()).isZero();
        Path plain = gnupgHome.resolve("referral.eml");
        Gpg.Result result = gpg.run("--status-fd", "1", "--output", plain.toString(), "--decrypt", message.toString());
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("[GNUPG:] GOODSIG");
        assertThat(result.stdout().lines().filter(l -> l.startsWith("[GNUPG:] VALIDSIG ")).findFirst().orElseThrow())
                .endsWith(" " + serviceKey.raw().headers().firstValue("X-Key-Fingerprint").orElseThrow().toUpperCase());

        OpenedReferral doc = OpenedReferral.parse(Files.readAllBytes(plain));
        // One multipart/mixed entity: text for people first, JSON for software second, both 8bit (readable as is).
        assertThat(new ContentType(doc.entity().getContentType()).match("multipart/mixed")).isTrue();
        assertThat(new ContentType(doc.entity().getContentType()).getParameter("protected-headers")).isEqualTo("v1");
        assertThat(doc.entity().getSubject()).startsWith("Сигнал за насочване");
        assertThat(new ContentType(doc.textPart().getContentType()).match("text/plain")).isTrue();
        assertThat(new ContentType(doc.textPart().getContentType()).getParameter("charset")).isEqualToIgnoringCase("utf-8");
        assertThat(new ContentType(doc.jsonPart().getContentType()).match("application/json")).isTrue();
        assertThat(doc.textPart().getHeader("Content-Transfer-Encoding")).containsExactly("8bit");
        assertThat(doc.jsonPart().getHeader("Content-Transfer-Encoding")).containsExactly("8bit");
        // What gpg wrote is the Bulgarian text itself, not an encoding of it.
        assertThat(doc.rawText()).contains("Ниво на риск: ВИСОК РИСК");

        String text = doc.flatText();
        assertThat(text.indexOf("Ниво на риск: ВИСОК РИСК")).isLessThan(text.indexOf("Risk level: HIGH RISK"));
        Instant due = Instant.parse(referral.get("dueBy").asText());
        assertThat(text).contains("Срок за действие: " + MINUTES.format(due.atZone(ZoneId.of("Europe/Sofia")))
                + " ч. българско време (" + MINUTES.format(due.atZone(ZoneOffset.UTC)) + " UTC)");
        // Who referred and how to reach them: the organisation's demo contacts and the screener.
        assertThat(text).contains("КСУ „Св. Св. Константин и Елена“, Пловдив").contains("Дежурен телефон: +359 00 000 101 (демо)")
                .contains("Е-поща: ksu-konstantin-elena-plovdiv@demo.nrm.invalid").contains("Попълнил въпросника: Милена Примерова (демо), тел. +359 000 000 101");
        // The findings with the questions answered yes, in their own words, and the forms of exploitation in words.
        assertThat(text).contains("индикации за трафик на хора [TRAFFICKING_INDICATED]")
                .contains("Някой вербувал ли е детето, превозвал ли го е, предавал ли го е на други, укривал ли го е или "
                        + "приемал ли го е, за да има полза от него? [CH_MOVED]")
                .contains("Has anyone recruited, moved, passed on, hidden or taken in the child in order to profit from them?")
                .contains("Форми на експлоатация: сексуална експлоатация");
        assertThat(text).contains("Въпросник: child-risk, версия 1").contains("правила 1.0.0");
        assertThat(text).contains("Мария Иванова Петрова").contains("Гърция");
        assertThat(doc.rawText()).doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d");
        assertThat(doc.text().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(76));

        JsonNode json = doc.json();
        assertThat(doc.schemaViolations()).isEmpty();
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(json.get("kind").asText()).isEqualTo("identified");
        assertThat(json.get("referralId").asText()).isEqualTo(referral.get("id").asText());
        assertThat(json.get("dueBy").get("utc").asText()).isEqualTo(due.toString().replaceAll("\\.\\d+Z$", "Z"));
        assertThat(json.get("from").get("organisation").get("dutyPhone").asText()).isEqualTo("+359 00 000 101 (демо)");
        assertThat(json.get("person").get("identity").get("name").asText()).isEqualTo("Мария Иванова Петрова");
        assertThat(String.join("", StreamSupport.stream(json.get("notes").spliterator(), false).map(JsonNode::asText)
                .toList())).isEqualTo(Screenings.base("child-risk", 15, "BG-16").get("notes"));
    }

    @Test
    void anonymisedDocumentSaysSoAndCarriesNoNameReferenceNotesOrExactAge() {
        OpenedReferral doc = open(referralTo(submit(Screenings.highRiskChild("BG-16")), "lc-plovdiv"));
        assertThat(doc.schemaViolations()).isEmpty();
        assertThat(doc.json().get("kind").asText()).isEqualTo("anonymised");
        assertThat(doc.json().get("person").get("ageBand").asText()).isEqualTo("14-17");
        assertThat(doc.json().get("person").has("ageYears")).isFalse();
        assertThat(doc.json().has("screeningId")).as("no case reference links it to the identified referrals").isFalse();
        assertThat(doc.json().has("answers")).isFalse();
        assertThat(doc.flatText()).contains("Анонимизиран сигнал").contains("Anonymised referral")
                .contains("Възрастова група: 14-17");
        assertThat(doc.rawText()).doesNotContain("Мария").doesNotContain("CASE-2026-0042").doesNotContain("Гърция")
                .doesNotContain("2011-04-02");
    }

    @Test
    void policeOnAConsentOverrideGetOnlyTheMinimumToActOn() {
        Map<String, Object> body = Screenings.base("adult-risk", 30, "BG-16");
        body.put("consent", Map.of("identifiedReferral", false));
        body.put("answers", Map.of("ID_THREAT_TO_LIFE", "yes", "EX_NO_PAY", "yes"));
        OpenedReferral doc = open(referralTo(submit(body), "police-plovdiv"));
        assertThat(doc.schemaViolations()).isEmpty();
        JsonNode json = doc.json();
        assertThat(json.get("kind").asText()).isEqualTo("minimum-data");
        assertThat(json.get("person").get("identity").get("name").asText()).isEqualTo("Мария Иванова Петрова");
        assertThat(json.has("notes")).isFalse();
        assertThat(json.has("answers")).isFalse();
        assertThat(StreamSupport.stream(json.get("assessment").get("findings").spliterator(), false)
                .map(f -> f.get("code").asText()).toList()).containsOnly("IMMEDIATE_DANGER");
        assertThat(json.get("from").get("organisation").get("dutyPhone").asText()).isNotBlank();
        assertThat(doc.flatText()).contains("Сигнал с минимални данни").contains("Minimum-data referral");
        assertThat(doc.rawText()).doesNotContain("Гърция").doesNotContain("EX_NO_PAY");
    }

    @Test
    void longNotesKeepEveryLineOfTheEightBitPartsWithinWhatMimeAllows() {
        Map<String, Object> body = Screenings.highRiskChild("BG-16");
        String notes = "Дълга бележка без нито един интервал и без край на реда ".repeat(1).replace(' ', '_')
                .repeat(60) + "\nвтори ред";
        body.put("notes", notes);
        OpenedReferral doc = open(referralTo(submit(body), "ozd-plovdiv"));
        assertThat(doc.jsonPart()).satisfies(p -> assertThat(p.getHeader("Content-Transfer-Encoding")).containsExactly("8bit"));
        assertThat(doc.rawText().lines()).allSatisfy(l ->
                assertThat(l.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(998));
        assertThat(String.join("", StreamSupport.stream(doc.json().get("notes").spliterator(), false)
                .map(JsonNode::asText).toList())).isEqualTo(notes);
        assertThat(doc.schemaViolations()).isEmpty();
    }

    @Test
    void schemaRefusesADocumentOfAnotherVersionOrWithAFieldItDoesNotDefine() throws Exception {
        OpenedReferral doc = open(referralTo(submit(Screenings.highRiskChild("BG-16")), "ozd-plovdiv"));
        Map<String, Object> tampered = new HashMap<>(Json.mapper().convertValue(doc.json(), Map.class));
        tampered.put("schemaVersion", 1);
        assertThat(OpenedReferral.schemaViolations(Json.mapper().valueToTree(tampered))).isNotEmpty();
        tampered.put("schemaVersion", 2);
        tampered.put("password", "x");
        assertThat(OpenedReferral.schemaViolations(Json.mapper().valueToTree(tampered))).isNotEmpty();
        tampered.remove("password");
        assertThat(OpenedReferral.schemaViolations(Json.mapper().valueToTree(tampered))).isEmpty();
        assertThat(List.of(doc.json().get("createdAt").get("local").asText())).allMatch(s -> s.matches(".*[+]0[23]:00"));
    }
}
