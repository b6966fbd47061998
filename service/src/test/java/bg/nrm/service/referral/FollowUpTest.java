package bg.nrm.service.referral;

import bg.nrm.keys.password.PasswordHasher;
import bg.nrm.service.Api;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.auth.Role;
import bg.nrm.service.auth.UserStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the envelope: the recipient's PDF for the case file (the same text, Cyrillic embedded, every download
 * audited), the outcome once accepted, and the police's record of formal identification in trafficking cases.
 */
class FollowUpTest {
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

    private JsonNode referralTo(Map<String, Object> body, String organisationId) {
        Api.Response r = api.post("/api/v1/screenings", api.token("screener.plovdiv"), Screenings.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return StreamSupport.stream(r.json().get("referrals").spliterator(), false)
                .filter(x -> x.get("recipient").get("id").asText().equals(organisationId)).findFirst().orElseThrow();
    }

    private static List<String> normalised(String text) {
        return text.lines().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void recipientsPdfHoldsExactlyTheTextOfTheEnvelopeInBulgarianAndEnglish() throws Exception {
        JsonNode referral = referralTo(Screenings.highRiskChild("BG-16"), "cc-children-plovdiv");
        String id = referral.get("id").asText();
        String crisis = api.token("crisis.plovdiv");
        HttpResponse<byte[]> pdf = api.http().send(api.builder("/api/v1/referrals/" + id + "/document.pdf", crisis)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Cache-Control")).hasValue("no-store");

        String envelope = api.get("/api/v1/referrals/" + id + "/envelope", crisis).body();
        OpenedReferral opened = OpenedReferral.open(envelope, dataDir.resolve("keys"), "cc-children-plovdiv",
                api.get("/api/v1/service-key", null).body());
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String extracted = new PDFTextStripper().getText(doc);
            List<String> pages = normalised(extracted);
            assertThat(pages).filteredOn(l -> l.startsWith("ПОВЕРИТЕЛНО / CONFIDENTIAL")).hasSize(doc.getNumberOfPages());
            assertThat(pages.stream().filter(l -> !l.startsWith("ПОВЕРИТЕЛНО / CONFIDENTIAL")).toList())
                    .isEqualTo(normalised(opened.text()));
            assertThat(extracted).contains("Ниво на риск: ВИСОК РИСК").contains("Мария Иванова Петрова");
            for (var page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
            assertThat(doc.getDocumentInformation().getTitle()).doesNotContain("Мария");
        }
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'REFERRAL_PDF_DOWNLOADED'")).isEqualTo(1);
    }

    @Test
    void onlyTheAddressedRecipientGetsThePdf() {
        String id = referralTo(Screenings.highRiskChild("BG-16"), "cc-children-plovdiv").get("id").asText();
        String path = "/api/v1/referrals/" + id + "/document.pdf";
        assertThat(api.get(path, api.token("ozd.plovdiv")).status()).isEqualTo(404);
        assertThat(api.get(path, api.token("screener.plovdiv")).status()).isEqualTo(403);
        assertThat(api.get(path, api.token("admin")).status()).isEqualTo(403);
        assertThat(api.get(path, null).status()).isEqualTo(401);
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'REFERRAL_PDF_DOWNLOADED'")).isZero();
    }

    @Test
    void outcomeIsRecordedOnlyAfterAcceptanceAndOnlyOnce() {
        String id = referralTo(Screenings.highRiskChild("BG-16"), "cc-children-plovdiv").get("id").asText();
        String crisis = api.token("crisis.plovdiv");
        String outcome = "/api/v1/referrals/" + id + "/outcome";
        String completed = "{\"outcome\": \"COMPLETED\", \"services\": [\"ACCOMMODATION\", \"PSYCHOLOGICAL_SUPPORT\"]}";
        assertThat(api.post(outcome, crisis, completed).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/referrals/" + id + "/decision", crisis, "{\"decision\": \"ACCEPTED\"}").status())
                .isEqualTo(200);
        Api.Response bad = api.post(outcome, crisis, "{\"outcome\": \"COMPLETED\", \"services\": [\"MAGIC\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactly("services");
        assertThat(api.post(outcome, crisis, "{\"outcome\": \"CLOSED\"}").json().get("errors").findValuesAsText("field"))
                .containsExactly("reason");
        Api.Response ok = api.post(outcome, crisis, completed);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("state").asText()).isEqualTo("COMPLETED");
        assertThat(ok.json().get("servicesGiven").findValuesAsText("")).isEmpty();
        assertThat(ok.json().get("servicesGiven").toString()).isEqualTo("[\"ACCOMMODATION\",\"PSYCHOLOGICAL_SUPPORT\"]");
        assertThat(api.post(outcome, crisis, "{\"outcome\": \"CLOSED\", \"reason\": \"moved away\"}").status())
                .isEqualTo(409);
        assertThat(api.post(outcome, api.token("ozd.plovdiv"), completed).status()).isEqualTo(404);
    }

    @Test
    void policeRecordFormalIdentificationOnlyInTraffickingCases() {
        service.app.database().inTransaction(c -> UserStore.insertIfAbsent(c, new UserStore.User("police.plovdiv",
                PasswordHasher.argon2id().hash(TestService.PASSWORD.toCharArray()), Role.RECIPIENT, "police-plovdiv"), 0L));
        String police = api.token("police.plovdiv");
        String id = referralTo(Screenings.highRiskChild("BG-16"), "police-plovdiv").get("id").asText();
        String path = "/api/v1/referrals/" + id + "/identification";
        assertThat(api.post(path, police, "{\"formallyIdentified\": true}").status()).as("acknowledge first").isEqualTo(409);
        assertThat(api.post("/api/v1/referrals/" + id + "/ack", police, "{}").status()).isEqualTo(200);
        assertThat(api.post(path, police, "{}").json().get("errors").findValuesAsText("field"))
                .containsExactly("formallyIdentified");
        Api.Response ok = api.post(path, police, "{\"formallyIdentified\": true}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("formallyIdentified").asBoolean()).isTrue();
        assertThat(service.count("SELECT COUNT(*) FROM referrals WHERE formally_identified = 1")).isEqualTo(1);

        String crisisReferral = referralTo(Screenings.highRiskChild("BG-16"), "cc-children-plovdiv").get("id").asText();
        String crisis = api.token("crisis.plovdiv");
        api.post("/api/v1/referrals/" + crisisReferral + "/ack", crisis, "{}");
        assertThat(api.post("/api/v1/referrals/" + crisisReferral + "/identification", crisis,
                "{\"formallyIdentified\": true}").status()).as("only the police").isEqualTo(403);
    }

    @Test
    void commissionSeesPresumedAndFormallyIdentifiedCountsWithoutAnyIdentifier(@TempDir Path otherDir) {
        try (TestService small = TestService.start(otherDir, new bg.nrm.service.MutableClock(),
                Map.of("nrm.stats.threshold", "3"))) {
            Api a = small.api;
            small.app.database().inTransaction(c -> UserStore.insertIfAbsent(c, new UserStore.User("police.plovdiv",
                    PasswordHasher.argon2id().hash(TestService.PASSWORD.toCharArray()), Role.RECIPIENT, "police-plovdiv"),
                    0L));
            String police = a.token("police.plovdiv");
            String screener = a.token("screener.plovdiv");
            for (int i = 0; i < 4; i++) {
                JsonNode screening = a.post("/api/v1/screenings", screener,
                        Screenings.json(Screenings.highRiskChild("BG-16"))).json();
                String id = StreamSupport.stream(screening.get("referrals").spliterator(), false)
                        .filter(x -> x.get("recipient").get("id").asText().equals("police-plovdiv")).findFirst()
                        .orElseThrow().get("id").asText();
                a.post("/api/v1/referrals/" + id + "/ack", police, "{}");
                // Three of the four presumed victims are formally identified by the police.
                assertThat(a.post("/api/v1/referrals/" + id + "/identification", police,
                        "{\"formallyIdentified\": " + (i < 3) + "}").status()).isEqualTo(200);
            }
            java.time.YearMonth month = java.time.YearMonth.from(small.clock.instant().atZone(java.time.ZoneOffset.UTC));
            Api.Response r = a.get("/api/v1/stats/mechanism?from=" + month + "&to=" + month, a.token("commission.plovdiv"));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode policeCell = StreamSupport.stream(r.json().get("cells").spliterator(), false)
                    .filter(c -> c.get("recipientType").asText().equals("POLICE")).findFirst().orElseThrow();
            assertThat(policeCell.get("presumedVictims").asLong()).isEqualTo(4);
            assertThat(policeCell.get("formallyIdentified").asLong()).isEqualTo(3);
            assertThat(r.body()).doesNotContain("Мария").doesNotContain("CASE-2026");
        }
    }
}
