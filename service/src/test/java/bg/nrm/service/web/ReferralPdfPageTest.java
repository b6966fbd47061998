package bg.nrm.service.web;

import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The referral's PDF from the recipient's page, over real HTTP with the page's session cookie (no bearer token): the
 * addressed organisation gets the PDF and the download is audited; another organisation, another role and a
 * visitor without a session do not.
 */
class ReferralPdfPageTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String toCrisisCentre;

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        JsonNode created = service.api.post("/api/v1/screenings", service.api.token("screener.plovdiv"),
                Screenings.json(Screenings.highRiskChild("BG-16"))).json();
        for (JsonNode r : created.get("referrals")) {
            if (r.get("recipient").get("id").asText().equals("cc-children-plovdiv")) {
                toCrisisCentre = r.get("id").asText();
            }
        }
        assertThat(toCrisisCentre).isNotNull();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theRecipientDownloadsThePdfFromTheReferralPageWithItsSession() throws Exception {
        String cookie = signIn("crisis.plovdiv");
        HttpResponse<String> page = get("/referrals/" + toCrisisCentre, cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/referrals/" + toCrisisCentre + "/document.pdf\"");

        HttpResponse<byte[]> pdf = HTTP.send(request("/referrals/" + toCrisisCentre + "/document.pdf", cookie),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(pdf.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(new String(Arrays.copyOf(pdf.body(), 5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE actor = 'crisis.plovdiv' "
                + "AND action = 'REFERRAL_PDF_DOWNLOADED' AND target = '" + toCrisisCentre + "'")).isEqualTo(1);
    }

    @Test
    void anotherOrganisationAnotherRoleAndNoSessionGetNoPdf() throws Exception {
        String path = "/referrals/" + toCrisisCentre + "/document.pdf";
        long audited = service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'REFERRAL_PDF_DOWNLOADED'");

        HttpResponse<String> otherOrganisation = get(path, signIn("ozd.plovdiv"));
        assertThat(otherOrganisation.statusCode()).isEqualTo(404);
        assertThat(otherOrganisation.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/html"));
        assertThat(otherOrganisation.body()).doesNotStartWith("%PDF");
        assertThat(get(path, signIn("screener.plovdiv")).statusCode()).isEqualTo(403);
        HttpResponse<String> nobody = get(path, null);
        assertThat(nobody.statusCode()).isEqualTo(303);
        assertThat(nobody.headers().firstValue("Location")).contains("/");
        assertThat(get("/referrals/00000000-0000-0000-0000-000000000000/document.pdf", signIn("crisis.plovdiv"))
                .statusCode()).isEqualTo(404);

        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'REFERRAL_PDF_DOWNLOADED'"))
                .as("only copies that left the service are audited").isEqualTo(audited);
    }

    private static HttpRequest request(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.api.base() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b.build();
    }

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        return HTTP.send(request(path, cookie), HttpResponse.BodyHandlers.ofString());
    }

    private static String signIn(String username) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(service.api.base() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + TestService.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(303);
        return res.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }
}
