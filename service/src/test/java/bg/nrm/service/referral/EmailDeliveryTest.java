package bg.nrm.service.referral;

import bg.nrm.service.Api;
import bg.nrm.service.Gpg;
import bg.nrm.service.MutableClock;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The e-mail channel against a real SMTP server on loopback (GreenMail): a referral arrives as PGP/MIME (RFC 3156)
 * that gpg decrypts and verifies, with protected headers inside and no personal data outside; an organisation the
 * service cannot encrypt to gets a content-free notice instead.
 */
class EmailDeliveryTest {
    private static final String FROM = "referrals@nrm.invalid";

    @TempDir
    Path dataDir;
    GreenMail smtp;
    TestService service;
    Api api;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        service = TestService.start(dataDir, new MutableClock(), Map.of("nrm.mail.smtp.host", "127.0.0.1",
                "nrm.mail.smtp.port", Integer.toString(smtp.getSmtp().getPort()), "nrm.mail.from", FROM));
        api = service.api;
    }

    @AfterEach
    void stop() {
        service.close();
        smtp.stop();
    }

    private JsonNode submit(Map<String, Object> body) {
        Api.Response r = api.post("/api/v1/screenings", api.token("screener.plovdiv"), Screenings.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static String referralId(JsonNode screening, String organisationId) {
        return StreamSupport.stream(screening.get("referrals").spliterator(), false)
                .filter(r -> r.get("recipient").get("id").asText().equals(organisationId)).findFirst().orElseThrow()
                .get("id").asText();
    }

    private List<MimeMessage> mailTo(String address) throws Exception {
        for (int i = 0; i < 5 && service.app.delivery().runOnce() > 0; i++) {
            // every due referral and notice, a batch at a time
        }
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void referralArrivesAsPgpMimeThatGpgDecryptsAndVerifiesWithNoPersonalDataOutside(@TempDir Path gnupgHome)
            throws Exception {
        assumeTrue(Gpg.available(), "Debian's gpg is needed (installed by .ci/run)");
        String id = referralId(submit(Screenings.highRiskChild("BG-16")), "cc-children-plovdiv");
        List<MimeMessage> received = mailTo("cc-children-plovdiv@demo.nrm.invalid");
        assertThat(received).hasSize(1);
        MimeMessage mail = received.get(0);

        // RFC 3156 §4: multipart/encrypted with the protocol parameter; a version part; the armored message.
        ContentType type = new ContentType(mail.getContentType());
        assertThat(type.match("multipart/encrypted")).isTrue();
        assertThat(type.getParameter("protocol")).isEqualTo("application/pgp-encrypted");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(new ContentType(parts.getBodyPart(0).getContentType()).match("application/pgp-encrypted")).isTrue();
        assertThat(read(parts.getBodyPart(0).getInputStream())).contains("Version: 1");
        assertThat(new ContentType(parts.getBodyPart(1).getContentType()).match("application/octet-stream")).isTrue();
        String armored = read(parts.getBodyPart(1).getInputStream());
        assertThat(armored).startsWith("-----BEGIN PGP MESSAGE-----");
        assertThat(armored.replace("\r\n", "\n").strip()).isEqualTo(envelope(id).replace("\r\n", "\n").strip());

        // Outer headers: a neutral subject, the service's From, the organisation's To, the referral id in Message-ID.
        assertThat(mail.getSubject()).isEqualTo("Сигнал за насочване");
        assertThat(mail.getFrom()[0].toString()).isEqualTo(FROM);
        assertThat(mail.getMessageID()).isEqualTo("<referral-" + id + "@nrm.invalid>");
        List<String> headers = new ArrayList<>();
        for (Header h : Collections.list(mail.getAllHeaders())) {
            headers.add(h.getName() + ": " + h.getValue());
        }
        assertThat(String.join("\n", headers)).doesNotContain("Мария").doesNotContain("CASE-2026-0042")
                .doesNotContain("BG-16").doesNotContain("HIGH").doesNotContain("Пловдив");

        // gpg, as a mail client's OpenPGP engine does: decrypt the second part, verify, read the inner MIME entity.
        Gpg gpg = new Gpg(gnupgHome);
        Path serviceCert = Files.writeString(gnupgHome.resolve("service.asc"), api.get("/api/v1/service-key", null).body());
        assertThat(gpg.run("--import", dataDir.resolve("keys/cc-children-plovdiv.secret.asc").toString(),
                serviceCert.toString()).exit()).isZero();
        // The signing key carries the From address as a user id (what Thunderbird matches a signature against).
        assertThat(gpg.run("--with-colons", "--list-keys", FROM).stdout())
                .contains("NRM Screening and Referral Service <" + FROM + ">");
        Path message = Files.writeString(gnupgHome.resolve("encrypted.asc"), armored);
        Path plain = gnupgHome.resolve("inner.eml");
        Gpg.Result result = gpg.run("--status-fd", "1", "--output", plain.toString(), "--decrypt", message.toString());
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] DECRYPTION_OKAY");

        OpenedReferral inner = OpenedReferral.parse(Files.readAllBytes(plain));
        assertThat(new ContentType(inner.entity().getContentType()).getParameter("protected-headers")).isEqualTo("v1");
        assertThat(inner.entity().getSubject()).startsWith("Сигнал за насочване – висок риск, срок ");
        assertThat(inner.textPart().getHeader("Content-Transfer-Encoding")).containsExactly("8bit");
        assertThat(inner.flatText()).contains("Ниво на риск: ВИСОК РИСК").contains("Мария Иванова Петрова");
        assertThat(inner.json().get("referralId").asText()).isEqualTo(id);
        assertThat(inner.schemaViolations()).isEmpty();
        assertThat(state(id)).isEqualTo("DELIVERED");
    }

    @Test
    void organisationWithoutAUsableKeyGetsAContentFreeNotice() throws Exception {
        service.app.database().inTransaction(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("UPDATE organisation_keys SET status = 'RETIRED' WHERE organisation_id = 'cc-children-plovdiv'");
            }
            return null;
        });
        String id = referralId(submit(Screenings.highRiskChild("BG-16")), "cc-children-plovdiv");
        List<MimeMessage> received = mailTo("cc-children-plovdiv@demo.nrm.invalid");
        assertThat(received).hasSize(1);
        MimeMessage notice = received.get(0);
        assertThat(new ContentType(notice.getContentType()).match("text/plain")).isTrue();
        String text = (String) notice.getContent();
        assertThat(text).contains("няма валиден OpenPGP ключ").contains("no valid OpenPGP key").contains(id);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        notice.writeTo(raw);
        assertThat(text + raw.toString(StandardCharsets.UTF_8)).doesNotContain("Мария").doesNotContain("CASE-2026-0042")
                .doesNotContain("Гърция").doesNotContain("BG-16").doesNotContain("HIGH").doesNotContain("висок")
                .doesNotContain("BEGIN PGP");
        // Sent once: a later pass does not send it again.
        assertThat(mailTo("cc-children-plovdiv@demo.nrm.invalid")).hasSize(1);
    }

    // The envelope as the service serves it: stored binary, armored on the way out.
    private String envelope(String id) {
        return new ReferralStore(service.app.database()).envelope(id).orElseThrow();
    }


    private String state(String id) {
        return service.app.database().read(c -> {
            try (var ps = c.prepareStatement("SELECT state FROM referrals WHERE id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private static String read(InputStream in) throws Exception {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
