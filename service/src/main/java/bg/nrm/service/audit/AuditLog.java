package bg.nrm.service.audit;

import bg.nrm.keys.Digests;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Append-only, tamper-evident audit log: each entry's hash covers the previous entry's hash and its own fields, so
 * changing or deleting any entry breaks the chain from there on. Entries name actors, actions and ids, never
 * case content or personal data. Appends are serialised across instances by the row lock on {@code audit_head}.
 */
public final class AuditLog {
    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The result of a verification: whether the chain is intact, how many entries, and the head hash. */
    public record Verification(boolean valid, long entries, String head, Long firstBrokenSeq) {
    }

    /** Appends an entry in its own transaction. */
    public void append(String actor, String action, String target, String detail) {
        db.inTransaction(c -> {
            append(c, actor, action, target, detail);
            return null;
        });
    }

    /** Appends an entry inside the caller's transaction, so it commits or rolls back with the caller's work. */
    public void append(Connection c, String actor, String action, String target, String detail) throws SQLException {
        Sql.update(c, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1");
        record Head(long seq, String hash) { }
        Head head = Sql.one(c, "SELECT seq, hash FROM audit_head WHERE id = 1",
                rs -> new Head(rs.getLong(1), rs.getString(2))).orElseThrow();
        long at = clock.millis();
        String hash = hash(head.hash(), head.seq(), at, actor, action, target, detail);
        Sql.update(c, "INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)",
                head.seq(), at, actor, action, target, detail, head.hash(), hash);
        Sql.update(c, "UPDATE audit_head SET hash = ? WHERE id = 1", hash);
    }

    /** Recomputes the whole chain. */
    public Verification verify() {
        record Entry(long seq, long at, String actor, String action, String target, String detail,
                     String prevHash, String hash) { }
        List<Entry> entries = db.read(c -> Sql.list(c,
                "SELECT seq, at, actor, action, target, detail, prev_hash, hash FROM audit_log ORDER BY seq",
                rs -> new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8))));
        String expectedPrev = "0".repeat(64);
        long expectedSeq = 1;
        for (Entry e : entries) {
            String recomputed = hash(e.prevHash(), e.seq(), e.at(), e.actor(), e.action(), e.target(), e.detail());
            if (e.seq() != expectedSeq || !e.prevHash().equals(expectedPrev) || !recomputed.equals(e.hash())) {
                return new Verification(false, entries.size(), expectedPrev, e.seq());
            }
            expectedPrev = e.hash();
            expectedSeq++;
        }
        String storedHead = db.read(c -> Sql.one(c, "SELECT hash FROM audit_head WHERE id = 1", rs -> rs.getString(1)))
                .orElse("");
        boolean headMatches = storedHead.equals(expectedPrev);
        return new Verification(headMatches, entries.size(), expectedPrev, headMatches ? null : expectedSeq);
    }

    private static String hash(String prev, long seq, long at, String actor, String action, String target,
                               String detail) {
        // Length-prefixed fields: no two different entries serialise to the same text.
        StringBuilder sb = new StringBuilder(prev);
        for (String field : new String[] {Long.toString(seq), Long.toString(at), actor, action, target, detail}) {
            String f = field == null ? "" : field;
            sb.append('|').append(field == null ? -1 : f.length()).append(':').append(f);
        }
        return Digests.sha256Hex(sb.toString());
    }
}
