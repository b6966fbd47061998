package bg.nrm.service.security;

import bg.nrm.keys.pgp.GeneratedKey;
import bg.nrm.keys.pgp.OrganisationKeys;
import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.TestService;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key change reaches the organisation by e-mail too (a real SMTP server on loopback): the upload that waits for
 * its confirmation, the activation, and the warning 30 days before expiry, each naming the fingerprint and nothing of
 * any case.
 */
class KeyChangeMailTest {
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
                "nrm.mail.smtp.port", Integer.toString(smtp.getSmtp().getPort()), "nrm.mail.from", "referrals@nrm.invalid"));
        api = service.api;
    }

    @AfterEach
    void stop() {
        service.close();
        smtp.stop();
    }

    private MimeMessage nextMail(int count) {
        assertThat(smtp.waitForIncomingEmail(Duration.ofSeconds(20).toMillis(), count)).as("mail arrived").isTrue();
        MimeMessage[] all = smtp.getReceivedMessages();
        return all[count - 1];
    }

    @Test
    void theOrganisationIsToldByMailOfAnUploadAnActivationAndAnExpiry() throws Exception {
        GeneratedKey next = OrganisationKeys.generate("ОЗД Пловдив <ozd@plovdiv.example>", null,
                Instant.now().plus(Duration.ofDays(60)));
        assertThat(api.put("/api/v1/organisations/ozd-plovdiv/keys", api.token("admin"), "application/pgp-keys",
                next.armoredCertificate()).status()).isEqualTo(202);

        MimeMessage proposed = nextMail(1);
        assertThat(proposed.getAllRecipients()[0].toString()).isEqualTo("ozd-plovdiv@demo.nrm.invalid");
        assertThat(proposed.getSubject()).contains("Ключ за криптиране");
        String body = GreenMailUtil.getBody(proposed);
        String grouped = next.fingerprint().substring(0, 4) + " " + next.fingerprint().substring(4, 8);
        assertThat(proposed.getContent().toString()).contains(grouped, "НЕ се използва", "is NOT used");
        assertThat(body).doesNotContain("Мария");

        assertThat(api.post("/api/v1/organisations/ozd-plovdiv/keys/confirm", api.token("ozd.plovdiv"),
                "{\"fingerprint\":\"" + next.fingerprint() + "\"}").status()).isEqualTo(200);
        assertThat(nextMail(2).getContent().toString()).contains("в сила", "in force", grouped);

        service.clock.advance(Duration.ofDays(31));
        assertThat(service.app.keyChanges().warnExpiring()).isEqualTo(1);
        assertThat(nextMail(3).getContent().toString()).contains("изтича на", "expires on", grouped);
    }
}
