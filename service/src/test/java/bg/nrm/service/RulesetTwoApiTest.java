package bg.nrm.service;

import bg.nrm.service.referral.OpenedReferral;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Questionnaires version 2 and ruleset 2.0.0 over real HTTP, as a social worker would try them (issue 10, "Done
 * when"): each case goes where the routing table says, with Bulgarian advice naming whom to call; the police envelope
 * of an adult in danger who did not consent is opened with Debian's gpg and holds the identity and the danger only.
 */
class RulesetTwoApiTest {
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

    static Map<String, Object> v2(String questionnaire, int age, String gender, String region, String... yes) {
        Map<String, Object> body = Screenings.base(questionnaire, age, region);
        body.put("questionnaireVersion", 2);
        Screenings.subject(body).put("gender", gender);
        Map<String, String> answers = new LinkedHashMap<>();
        for (String code : yes) {
            answers.put(code, "yes");
        }
        body.put("answers", answers);
        return body;
    }

    private JsonNode submit(String screener, Map<String, Object> body) {
        Api.Response r = api.post("/api/v1/screenings", api.token(screener), Screenings.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static List<String> recipients(JsonNode screening) {
        List<String> out = new ArrayList<>();
        screening.get("referrals").forEach(r -> out.add(r.get("recipient").get("id").asText()
                + (r.get("anonymised").asBoolean() ? ":anon" : "")));
        return out;
    }

    /** Opens, with the organisation's demo key, the envelope the screening sent to it, checking the signature. */
    private OpenedReferral envelopeTo(JsonNode screening, String organisationId) {
        String referralId = StreamSupport.stream(screening.get("referrals").spliterator(), false)
                .filter(r -> r.get("recipient").get("id").asText().equals(organisationId)).findFirst().orElseThrow()
                .get("id").asText();
        String envelope = api.get("/api/v1/referrals/" + referralId + "/envelope", api.token(recipientUser(organisationId)))
                .body();
        OpenedReferral opened = OpenedReferral.open(envelope, dataDir.resolve("keys"), organisationId,
                api.get("/api/v1/service-key", null).body());
        assertThat(opened.schemaViolations()).isEmpty();
        return opened;
    }

    private static String recipientUser(String organisationId) {
        return switch (organisationId) {
            case "ozd-plovdiv" -> "ozd.plovdiv";
            case "police-plovdiv" -> "police.plovdiv";
            default -> throw new IllegalArgumentException("no demo user for " + organisationId);
        };
    }

    private static List<String> codes(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(n -> out.add(n.get("code").asText()));
        }
        return out;
    }

    private static List<String> advice(JsonNode screening) {
        return StreamSupport.stream(screening.get("assessment").get("advice").spliterator(), false)
                .map(a -> a.get("code").asText()).toList();
    }

    private Api.Response problem(Map<String, Object> body) {
        Api.Response r = api.post("/api/v1/screenings", api.token("screener.plovdiv"), Screenings.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).contains("application/problem+json");
        return r;
    }

    private static List<String> fields(Api.Response r) {
        List<String> out = new ArrayList<>();
        r.json().get("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    @Test
    @DisplayName("the questionnaire list shows both versions of each questionnaire and marks version 2 current")
    void questionnairesListBothVersions() {
        JsonNode list = api.get("/api/v1/questionnaires", api.token("screener.plovdiv")).json();

        List<String> lines = new ArrayList<>();
        list.forEach(q -> lines.add(q.get("id").asText() + ".v" + q.get("version").asInt() + ":"
                + q.get("current").asBoolean() + ":" + q.get("rulesetVersion").asText()));
        assertThat(lines).containsExactly("adult-risk.v1:false:1.0.0", "adult-risk.v2:true:2.0.0",
                "child-risk.v1:false:1.0.0", "child-risk.v2:true:2.0.0");
        JsonNode current = api.get("/api/v1/questionnaires/child-risk", api.token("screener.plovdiv")).json();
        assertThat(current.get("version").asInt()).isEqualTo(2);
        assertThat(current.get("preamble").get("bg").asText()).contains("Няма информация");
        JsonNode v1 = api.get("/api/v1/questionnaires/child-risk?version=1", api.token("screener.plovdiv")).json();
        assertThat(v1.has("preamble")).isFalse();
        assertThat(v1.has("answerLabels")).isFalse();
    }

    @Test
    @DisplayName("a child with only violence signs goes to ОЗД and a community support centre within 24 hours, with Bulgarian advice naming ОЗД, 112 and 116 111")
    void childWithViolenceSignsOnly() {
        JsonNode s = submit("screener.plovdiv", v2("child-risk", 9, "male", "BG-16", "VI_DOMESTIC", "VI_INJURIES",
                "VI_NEGLECT"));

        assertThat(s.get("assessment").get("level").asText()).isEqualTo("MEDIUM");
        assertThat(s.get("assessment").get("rulesetVersion").asText()).isEqualTo("2.0.0");
        assertThat(recipients(s)).containsExactly("ozd-plovdiv", "ksuds-plovdiv");
        assertThat(s.get("referrals").get(0).get("dueBy").asText()).isNotBlank();
        assertThat(s.get("assessment").get("recommendations").toString()).contains("ОЗД", "112", "116 111");
    }

    @Test
    @DisplayName("a child who discloses sexual abuse goes to ОЗД and the police")
    void childDisclosingSexualAbuse() {
        JsonNode s = submit("screener.plovdiv", v2("child-risk", 11, "female", "BG-16", "VI_SEXUAL_ABUSE"));

        assertThat(s.get("assessment").get("level").asText()).isEqualTo("HIGH");
        assertThat(recipients(s)).containsExactly("ozd-plovdiv", "police-plovdiv");
        assertThat(advice(s)).contains("TELL_POLICE_CHILD_SEXUAL_ABUSE");

        // Each recipient reads what its role is asked to do, and the notice not to question the child again.
        OpenedReferral ozd = envelopeTo(s, "ozd-plovdiv");
        assertThat(codes(ozd.json().get("assessment").get("notices"))).containsExactly("CHILD_NOT_TO_BE_QUESTIONED_AGAIN");
        assertThat(ozd.json().get("assessment").get("recommendations").get(0).get("bg").asText())
                .contains("чл. 7 от Закона за закрила на детето");
        assertThat(ozd.flatText()).contains("Не разпитвайте детето повторно", "Do not question the child again",
                "чл. 7 от Закона за закрила на детето", "art. 7 of the Child Protection Act");
        // The screener's own advice is for the screener, not for the recipient.
        assertThat(ozd.flatText()).doesNotContain("Съобщете незабавно и на полицията");
        OpenedReferral police = envelopeTo(s, "police-plovdiv");
        assertThat(codes(police.json().get("assessment").get("notices"))).contains("CHILD_NOT_TO_BE_QUESTIONED_AGAIN");
        assertThat(police.json().get("assessment").get("recommendations").get(0).get("en").asText())
                .startsWith("A child at risk.");
    }

    @Test
    @DisplayName("a married 14-year-old goes to ОЗД, a crisis centre, the police, ДАЗД and the commissions")
    void marriedFourteenYearOld() {
        JsonNode s = submit("screener.plovdiv", v2("child-risk", 14, "female", "BG-16", "EX_FORCED_MARRIAGE",
                "CH_STI_PREGNANCY"));

        assertThat(s.get("assessment").get("level").asText()).isEqualTo("HIGH");
        assertThat(recipients(s)).containsExactly("ozd-plovdiv", "cc-children-plovdiv", "police-plovdiv",
                "sacp-national", "lc-plovdiv:anon", "nc-national:anon");
    }

    @Test
    @DisplayName("an unaccompanied asylum-seeking boy goes to ОЗД, the police, ДАЗД and ДАБ, with an interpreter and no consulate")
    void unaccompaniedAsylumSeekingBoy() {
        Map<String, Object> body = v2("child-risk", 16, "male", "BG-26", "VD_UNKNOWN_PLACE");
        Map<String, Object> subject = Screenings.subject(body);
        subject.put("citizenship", "AF");
        subject.put("unaccompanied", true);
        subject.put("asylumSeeker", true);
        subject.put("language", "ps");
        JsonNode s = submit("screener.plovdiv", body);

        assertThat(recipients(s)).containsExactly("ozd-harmanli", "police-national", "sacp-national", "sar-national");
        assertThat(advice(s)).contains("UNACCOMPANIED_CHILD", "USE_AN_INTERPRETER", "NO_CONSULATE_FOR_ASYLUM_SEEKER");
    }

    @Test
    @DisplayName("a man with labour exploitation indicators goes to a protection centre that takes men, the police (he consented) and the commissions")
    void manWithLabourExploitation() {
        JsonNode s = submit("screener.etropole", v2("adult-risk", 38, "male", "BG-22", "DR_JOB_NATURE", "DR_WAGES",
                "EX_EXCESSIVE_HOURS", "EX_NO_PAY", "EX_LIVING", "CD_DOCS_TAKEN", "CD_DEBT_BONDAGE"));

        assertThat(s.get("assessment").get("level").asText()).isEqualTo("HIGH");
        assertThat(recipients(s)).containsExactly("pc-sofia", "police-national", "nc-national:anon");
        assertThat(advice(s)).contains("ADULT_RIGHTS");
    }

    @Test
    @DisplayName("a man's protection centre does not answer in time: the referral passes to the next centre that takes men, with the same notices")
    void escalationKeepsPlacementAndNotices() {
        JsonNode s = submit("screener.etropole", v2("adult-risk", 38, "male", "BG-22", "DR_JOB_NATURE", "DR_WAGES",
                "EX_EXCESSIVE_HOURS", "EX_NO_PAY", "EX_LIVING", "CD_DOCS_TAKEN", "CD_DEBT_BONDAGE"));
        String first = StreamSupport.stream(s.get("referrals").spliterator(), false)
                .filter(r -> r.get("recipient").get("id").asText().equals("pc-sofia")).findFirst().orElseThrow()
                .get("id").asText();

        service.clock.advance(java.time.Duration.ofDays(3));
        service.app.escalation().escalateOverdue();

        // The shelter in Sofia is nearer but takes women only; the protection centre in Burgas takes any gender.
        String next = service.string("SELECT recipient_id FROM referrals WHERE escalated_from = '" + first + "'");
        assertThat(next).isEqualTo("pc-burgas");
        String notices = service.string("SELECT notices FROM referrals WHERE escalated_from = '" + first + "'");
        assertThat(notices).isEqualTo(service.string("SELECT notices FROM referrals WHERE id = '" + first + "'"))
                .contains("ADULT_RIGHTS", "TO_PROTECTION_CENTRE_OR_SHELTER");
    }

    @Test
    @DisplayName("an adult at acute risk of self-harm: call 112 first; with consent a general crisis centre for adults, never the police")
    void adultAtRiskOfSelfHarm() {
        JsonNode s = submit("screener.plovdiv", v2("adult-risk", 30, "female", "BG-16", "ID_SELF_HARM"));

        assertThat(s.get("assessment").get("recommendations").get(0).asText()).contains("112");
        assertThat(recipients(s)).containsExactly("cc-adults-plovdiv");
    }

    @Test
    @DisplayName("an adult in danger without consent: gpg opens the police envelope, which holds the identity and the danger only")
    void adultInDangerWithoutConsent(@TempDir Path gnupgHome) throws IOException {
        assumeTrue(Gpg.available(), "Debian's gpg is needed (installed by .ci/run)");
        Map<String, Object> body = v2("adult-risk", 24, "female", "BG-16", "ID_IN_EXPLOITATION_NOW", "CD_CONFINED",
                "EX_SEXUAL");
        body.put("consent", Map.of("identifiedReferral", false));
        JsonNode s = submit("screener.plovdiv", body);

        assertThat(recipients(s)).containsExactly("cc-adults-plovdiv:anon", "police-plovdiv");
        String referralId = StreamSupport.stream(s.get("referrals").spliterator(), false)
                .filter(r -> r.get("recipient").get("id").asText().equals("police-plovdiv")).findFirst().orElseThrow()
                .get("id").asText();
        String envelope = api.get("/api/v1/referrals/" + referralId + "/envelope", api.token("police.plovdiv")).body();
        Gpg gpg = new Gpg(gnupgHome);
        Path serviceCert = Files.writeString(gnupgHome.resolve("service.asc"), api.get("/api/v1/service-key", null).body());
        Path message = Files.writeString(gnupgHome.resolve("referral.asc"), envelope);
        assertThat(gpg.run("--import", dataDir.resolve("keys/police-plovdiv.secret.asc").toString(),
                serviceCert.toString()).exit()).isZero();
        Path plain = gnupgHome.resolve("referral.json");
        Gpg.Result result = gpg.run("--status-fd", "1", "--output", plain.toString(), "--decrypt", message.toString());
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("[GNUPG:] GOODSIG");

        // The plaintext is the referral document version 2: a MIME entity with a text part and a JSON part.
        OpenedReferral opened = OpenedReferral.parse(Files.readAllBytes(plain));
        JsonNode doc = opened.json();
        assertThat(doc.get("kind").asText()).isEqualTo("minimum-data");
        assertThat(doc.get("person").get("identity").get("name").asText()).isEqualTo("Мария Иванова Петрова");
        assertThat(doc.get("person").get("identity").get("location").asText()).isNotBlank();
        JsonNode findings = doc.get("assessment").get("findings");
        assertThat(findings).allSatisfy(f -> assertThat(f.get("code").asText()).isEqualTo("IMMEDIATE_DANGER"));
        assertThat(findings.toString()).contains("ID_IN_EXPLOITATION_NOW");
        assertThat(doc.has("notes")).isFalse();
        assertThat(doc.has("answers")).isFalse();
        assertThat(Files.readString(plain)).doesNotContain("Гърция", "EX_SEXUAL", "CD_CONFINED");
        assertThat(opened.text()).contains("Сигнал с минимални данни").contains("Minimum-data referral");
        // What the police are asked, and why the identity came without consent, in both languages.
        assertThat(codes(doc.get("assessment").get("notices"))).contains("MINIMUM_DATA");
        assertThat(doc.get("assessment").get("recommendations").get(0).get("bg").asText())
                .startsWith("Сигнал за пълнолетен човек в опасност");
        assertThat(opened.flatText()).contains("!!! ВАЖНО", "не е дало съгласие", "did not consent");
        assertThat(opened.schemaViolations()).isEmpty();
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'CONSENT_OVERRIDDEN'")).isEqualTo(1);
    }

    @Test
    @DisplayName("an adult-risk version-2 screening of a 16-year-old is a 400 on subject.ageYears that names child-risk, also when the age is uncertain")
    void adultQuestionnaireUnder18() {
        Map<String, Object> body = v2("adult-risk", 16, "female", "BG-16");
        Screenings.subject(body).put("ageUncertain", true);
        Api.Response r = problem(body);

        assertThat(fields(r)).containsExactly("subject.ageYears");
        assertThat(r.body()).contains("child-risk").doesNotContain("16");
    }

    @Test
    @DisplayName("a version-2 code sent with version 1 is a 400 on that answer")
    void versionTwoCodeWithVersionOne() {
        Map<String, Object> body = Screenings.base("child-risk", 7, "BG-16");
        body.put("answers", Map.of("VI_WITNESS_DV", "yes"));

        assertThat(fields(problem(body))).containsExactly("answers.VI_WITNESS_DV");
    }

    @Test
    @DisplayName("a subject fact of the wrong type is a 400 naming the field; a subject fact with version 1 too")
    void subjectFactOfTheWrongType() {
        Map<String, Object> wrong = v2("child-risk", 15, "male", "BG-16");
        Screenings.subject(wrong).put("unaccompanied", "yes");
        assertThat(fields(problem(wrong))).containsExactly("subject.unaccompanied");

        Map<String, Object> v1 = Screenings.base("child-risk", 15, "BG-16");
        Screenings.subject(v1).put("asylumSeeker", true);
        assertThat(fields(problem(v1))).containsExactly("subject.asylumSeeker");
        assertThat(service.count("SELECT COUNT(*) FROM screenings")).isZero();
    }

    @Test
    @DisplayName("version 1 keeps answering as before: ruleset 1.0.0, English recommendations, no advice field")
    void versionOneAsBefore() {
        JsonNode s = submit("screener.plovdiv", Screenings.highRiskChild("BG-16"));

        assertThat(s.get("assessment").get("rulesetVersion").asText()).isEqualTo("1.0.0");
        assertThat(s.get("assessment").has("advice")).isFalse();
        assertThat(recipients(s)).containsExactly("ozd-plovdiv", "cc-children-plovdiv", "police-plovdiv",
                "sacp-national", "lc-plovdiv:anon", "nc-national:anon");
    }

    @Test
    @DisplayName("with nrm.questionnaires.accept-v1 false, a version-1 screening is a 400 on questionnaireVersion")
    void versionOneCanBeTurnedOff(@TempDir Path other) {
        try (TestService strict = TestService.start(other, new MutableClock(),
                Map.of("nrm.questionnaires.accept-v1", "false"))) {
            Api.Response r = strict.api.post("/api/v1/screenings", strict.api.token("screener.plovdiv"),
                    Screenings.json(Screenings.highRiskChild("BG-16")));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("questionnaireVersion");
        }
    }

    @Test
    @DisplayName("an administrator's placement facts are checked: an unknown gender is a 400 naming placement.takesGender")
    void placementFactsAreChecked() {
        String admin = api.token("admin");
        Api.Response bad = api.put("/api/v1/organisations/cc-adults-plovdiv", admin, "application/json",
                "{\"placement\": {\"takesGender\": \"women\", \"serves\": [\"GENERAL\"]}}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("placement.takesGender");
        Api.Response good = api.put("/api/v1/organisations/cc-adults-plovdiv", admin, "application/json",
                "{\"placement\": {\"takesGender\": \"male\", \"minAge\": 18, \"serves\": [\"GENERAL\"]}}");
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        assertThat(good.json().get("organisation").get("placement").get("takesGender").asText()).isEqualTo("male");
    }
}
