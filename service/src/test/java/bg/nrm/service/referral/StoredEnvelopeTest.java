package bg.nrm.service.referral;

import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.service.MutableClock;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.store.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The envelope is stored as the binary OpenPGP message (V73) and armored when served, into the text the service
 * stored before; rows written before V73, which hold the armored text, are served as they are; shredding forgets both.
 */
class StoredEnvelopeTest {
    @TempDir
    Path dataDir;

    private record Row(String text, byte[] binary) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void envelopeIsStoredBinaryServedArmoredAndOlderArmoredRowsStillServe(String kind) {
        Map<String, String> db = kind.equals("postgres") ? Map.of("nrm.db.url", TestService.freshPostgresSchema()) : Map.of();
        try (TestService service = TestService.start(dataDir, new MutableClock(), db)) {
            JsonNode screening = service.api.post("/api/v1/screenings", service.api.token("screener.plovdiv"),
                    Screenings.json(Screenings.highRiskChild("BG-16"))).json();
            List<String> ids = StreamSupport.stream(screening.get("referrals").spliterator(), false)
                    .map(r -> r.get("id").asText()).toList();
            assertThat(ids).hasSize(6);
            String toCrisisCentre = StreamSupport.stream(screening.get("referrals").spliterator(), false)
                    .filter(r -> r.get("recipient").get("id").asText().equals("cc-children-plovdiv"))
                    .findFirst().orElseThrow().get("id").asText();

            Row stored = row(service, toCrisisCentre);
            assertThat(stored.text()).isEmpty();
            assertThat(stored.binary()[0] & 0x80).as("a binary OpenPGP packet, not armor").isEqualTo(0x80);
            String url = "/api/v1/referrals/" + toCrisisCentre + "/envelope";
            String crisis = service.api.token("crisis.plovdiv");
            String served = service.api.get(url, crisis).body();
            assertThat(served).isEqualTo(Envelopes.armor(stored.binary())).startsWith("-----BEGIN PGP MESSAGE-----");
            assertThat(stored.binary().length).isLessThan(served.length() * 3 / 4 + 1);
            OpenedReferral.open(served, dataDir.resolve("keys"), "cc-children-plovdiv",
                    service.api.get("/api/v1/service-key", null).body());

            // The row as the service wrote it before V73: the armored text, no binary. It is served as it is.
            service.app.database().inTransaction(c -> Sql.update(c,
                    "UPDATE referrals SET envelope = ?, envelope_binary = NULL WHERE id = ?", served, toCrisisCentre));
            assertThat(row(service, toCrisisCentre).binary()).isNull();
            assertThat(service.api.get(url, crisis).body()).isEqualTo(served);

            // Shredding forgets the old row's text and the new rows' binary messages alike.
            service.app.database().inTransaction(c -> {
                ReferralStore.shredCaseMaterial(c, Long.MAX_VALUE);
                return null;
            });
            for (String id : ids) {
                Row shredded = row(service, id);
                assertThat(shredded.text()).isEmpty();
                assertThat(shredded.binary()).isNull();
            }
            assertThat(service.api.get(url, crisis).status()).isEqualTo(404);
        }
    }

    private static Row row(TestService service, String id) {
        return service.app.database().read(c -> Sql.one(c, "SELECT envelope, envelope_binary FROM referrals WHERE id = ?",
                rs -> new Row(rs.getString(1), rs.getBytes(2)), id).orElseThrow());
    }
}
