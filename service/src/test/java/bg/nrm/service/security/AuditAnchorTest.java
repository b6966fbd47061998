package bg.nrm.service.security;

import bg.nrm.keys.Digests;
import bg.nrm.keys.pgp.Signatures;
import bg.nrm.service.Api;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.audit.AuditLog;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding (Medium): someone with database write access could edit an audit row and recompute every following hash,
 * or delete the newest rows and move the head, and {@code /audit/verify} still said valid. The chain is now keyed
 * (the key is not in the database) and its head is anchored by signed checkpoints outside the database.
 */
class AuditAnchorTest {
    @TempDir
    Path dataDir;
    TestService service;
    Api api;
    String auditor;

    @BeforeEach
    void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/screenings", api.token("screener.plovdiv"), Screenings.json(Screenings.highRiskChild("BG-16")));
        }
        // Signed in before the tampering: a sign-in is itself an audit entry.
        auditor = api.token("auditor");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void anIntactChainVerifiesAgainstItsSignedCheckpoint() throws Exception {
        service.app.auditCheckpoints().write();
        JsonNode v = verify();
        assertThat(v.get("valid").asBoolean()).as(v.toString()).isTrue();
        Path text = dataDir.resolve("audit/checkpoint.txt");
        String signature = Files.readString(dataDir.resolve("audit/checkpoint.txt.asc"));
        assertThat(Signatures.verifyDetached(Files.readAllBytes(text), signature,
                api.get("/api/v1/service-key", null).body())).isTrue();
        assertThat(Files.readString(text)).contains("entries=" + v.get("entries").asLong());
        Api.Response cp = api.get("/api/v1/audit/checkpoint", auditor);
        assertThat(cp.status()).isEqualTo(200);
        assertThat(cp.json().get("signatureValid").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/audit/checkpoint", api.token("admin")).status()).isEqualTo(403);
    }

    @Test
    void anEditedRowWithEveryFollowingHashRecomputedIsFound() {
        long edited = 3;
        rewriteFrom(edited, "SIGN_IN", "someone.else");
        JsonNode v = verify();
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.get("reason").asText()).isEqualTo("rewritten");
        assertThat(v.get("firstBrokenSeq").asLong()).isEqualTo(edited);
    }

    @Test
    void deletingTheNewestRowsAndMovingTheHeadIsFoundAsTruncation() {
        service.app.auditCheckpoints().write();
        long total = service.count("SELECT COUNT(*) FROM audit_log");
        service.app.database().read(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM audit_log WHERE seq > " + (total - 2));
            }
            try (var ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = (SELECT hash FROM audit_log WHERE seq = ?), "
                    + "mac = (SELECT mac FROM audit_log WHERE seq = ?) WHERE id = 1")) {
                ps.setLong(1, total - 2);
                ps.setLong(2, total - 2);
                ps.setLong(3, total - 2);
                ps.executeUpdate();
            }
            return null;
        });
        JsonNode v = verify();
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.get("reason").asText()).isEqualTo("truncated");
        assertThat(v.get("firstBrokenSeq").asLong()).isEqualTo(total - 1);
    }

    @Test
    void aForgedCheckpointFileIsNotBelieved() throws Exception {
        service.app.auditCheckpoints().write();
        Path text = dataDir.resolve("audit/checkpoint.txt");
        Files.writeString(text, Files.readString(text).replaceFirst("entries=\\d+", "entries=1"));
        JsonNode v = verify();
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.get("reason").asText()).isEqualTo("checkpoint-signature");
    }

    @Test
    void readsOfScreeningsAndAccessDenialsAreAudited() {
        String screener = api.token("screener.plovdiv");
        String id = api.post("/api/v1/screenings", screener, Screenings.json(Screenings.highRiskChild("BG-16"))).json()
                .get("id").asText();
        assertThat(api.get("/api/v1/screenings/" + id, screener).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/organisations", screener).status()).isEqualTo(403);
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'SCREENING_READ' AND target = '" + id
                + "' AND actor = 'screener.plovdiv'")).isEqualTo(1);
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'ACCESS_DENIED' AND actor = 'screener.plovdiv'"
                + " AND target LIKE 'GET /api/v1/organisations%'")).isEqualTo(1);
    }

    private JsonNode verify() {
        Api.Response r = api.get("/api/v1/audit/verify", auditor);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    /** What a database writer without the MAC key can do: change a row and recompute every hash after it. */
    private void rewriteFrom(long seq, String action, String actor) {
        service.app.database().read(c -> {
            record Row(long seq, long at, String actor, String action, String target, String detail) { }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, at, actor, action, target, detail FROM audit_log WHERE seq >= ? ORDER BY seq")) {
                ps.setLong(1, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6)));
                    }
                }
            }
            String prev;
            try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_log WHERE seq = ?")) {
                ps.setLong(1, seq - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    prev = rs.getString(1);
                }
            }
            for (Row r : rows) {
                String a = r.seq() == seq ? actor : r.actor();
                String act = r.seq() == seq ? action : r.action();
                StringBuilder sb = new StringBuilder(prev);
                for (String f : new String[] {Long.toString(r.seq()), Long.toString(r.at()), a, act, r.target(), r.detail()}) {
                    String v = f == null ? "" : f;
                    sb.append('|').append(f == null ? -1 : v.length()).append(':').append(v);
                }
                String hash = Digests.sha256Hex(sb.toString().getBytes(StandardCharsets.UTF_8));
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE audit_log SET actor = ?, action = ?, prev_hash = ?, hash = ? WHERE seq = ?")) {
                    ps.setString(1, a);
                    ps.setString(2, act);
                    ps.setString(3, prev);
                    ps.setString(4, hash);
                    ps.setLong(5, r.seq());
                    ps.executeUpdate();
                }
                prev = hash;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET hash = ? WHERE id = 1")) {
                ps.setString(1, prev);
                ps.executeUpdate();
            }
            return null;
        });
        assertThat(AuditLog.class).isNotNull();
    }
}
