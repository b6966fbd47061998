package bg.nrm.service;

import bg.nrm.keys.atrest.WrappedDataKey;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key-encryption key rotation and crypto-shredding of case content, on the running service. */
class KeyLifecycleTest {
    @TempDir
    Path dataDir;
    TestService service;

    @BeforeEach
    void start() {
        service = TestService.start(dataDir, new MutableClock(), Map.of());
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private String submit() {
        return service.api.post("/api/v1/screenings", service.api.token("screener.plovdiv"),
                Screenings.json(Screenings.highRiskChild("BG-16"))).json().get("id").asText();
    }

    private record Sealed(byte[] content, byte[] key) {
    }

    private Sealed sealed(String id) {
        return service.app.database().read(c -> {
            try (var ps = c.prepareStatement("SELECT content, data_key FROM screenings WHERE id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return new Sealed(rs.getBytes(1), rs.getBytes(2));
                }
            }
        });
    }

    @Test
    void kekRotationRewrapsEveryDataKeyWithoutTouchingTheCiphertext() {
        String first = submit();
        String second = submit();
        Sealed before = sealed(first);
        String oldKek = WrappedDataKey.fromBytes(before.key()).kekId();

        Api.Response r = service.api.post("/api/v1/admin/kek/rotate", service.api.token("admin"), "{}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("rewrapped").asLong()).isEqualTo(2);
        assertThat(service.api.post("/api/v1/admin/kek/rotate", service.api.token("screener.plovdiv"), "{}").status())
                .isEqualTo(403);

        for (String id : new String[] {first, second}) {
            Sealed after = sealed(id);
            WrappedDataKey key = WrappedDataKey.fromBytes(after.key());
            assertThat(key.kekId()).isEqualTo(r.json().get("primary").asText()).isNotEqualTo(oldKek);
            byte[] plain = service.app.sealer().open(key, after.content(), id.getBytes(StandardCharsets.UTF_8));
            assertThat(new String(plain, StandardCharsets.UTF_8)).contains("Мария");
        }
        assertThat(sealed(first).content()).isEqualTo(before.content());
    }

    @Test
    void kekRotationAtStartRewrapsAndKeepsCasesReadable() {
        String id = submit();
        String before = WrappedDataKey.fromBytes(sealed(id).key()).kekId();
        service.close();
        service = TestService.start(dataDir, new MutableClock(), Map.of("nrm.kek.rotate-on-start", "true"));
        Sealed after = sealed(id);
        WrappedDataKey key = WrappedDataKey.fromBytes(after.key());
        assertThat(key.kekId()).isNotEqualTo(before);
        assertThat(new String(service.app.sealer().open(key, after.content(), id.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).contains("Мария");
    }

    @Test
    void kekRotationOverHttpIsRefusedWhenInstancesShareAPostgresDatabase(@TempDir Path other) {
        try (TestService pg = TestService.start(other, new MutableClock(),
                Map.of("nrm.db.url", TestService.freshPostgresSchema()))) {
            assertThat(pg.api.post("/api/v1/admin/kek/rotate", pg.api.token("admin"), "{}").status()).isEqualTo(409);
        }
    }

    @Test
    void retentionCryptoShredsCaseContentButKeepsTheAssessmentAndStatistics() {
        String id = submit();
        Sealed before = sealed(id);
        service.clock.advance(Duration.ofDays(1000));
        assertThat(service.app.shredExpired()).isZero();
        service.clock.advance(Duration.ofDays(900));
        assertThat(service.app.shredExpired()).isEqualTo(1);

        assertThat(sealed(id).key()).isNull();
        assertThat(sealed(id).content()).isNull();
        long envelopes = service.count("SELECT COUNT(*) FROM referrals WHERE envelope <> ''");
        assertThat(envelopes).as("envelopes held for recipients are shredded with the case").isZero();
        // Even with the old ciphertext in hand, a data key that no longer exists cannot be guessed from the KEK.
        assertThatThrownBy(() -> service.app.sealer().open(service.app.sealer().newDataKey(), before.content(),
                id.getBytes(StandardCharsets.UTF_8))).isInstanceOf(RuntimeException.class);
        JsonNode read = service.api.get("/api/v1/screenings/" + id, service.api.token("screener.plovdiv")).json();
        assertThat(read.get("assessment").get("level").asText()).isEqualTo("HIGH");
        long stats = service.count("SELECT COUNT(*) FROM stats_screenings");
        assertThat(stats).isEqualTo(1);
    }
}
