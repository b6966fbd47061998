package bg.nrm.service.audit;

import bg.nrm.keys.AuditMac;
import bg.nrm.keys.Digests;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Append-only, tamper-evident audit log. Each entry carries two links to the one before it:
 * <ul>
 *     <li>{@code hash}: SHA-256 over the previous hash and the entry's fields, which anyone can recompute;</li>
 *     <li>{@code mac}: HMAC-SHA-256 over the previous MAC and the same fields, with a key kept in the keystore and
 *     never in the database, so that someone who can write the database cannot recompute the chain after editing
 *     a row.</li>
 * </ul>
 * Deleting the newest rows leaves a shorter chain that is still consistent, so the head is also anchored outside
 * the database: {@link AuditCheckpoints} writes signed checkpoints (count, hash, MAC) to the data directory and the
 * service log, and {@link #verify()} checks the chain against the latest one. Entries name actors, actions and ids,
 * never case content or anything about the people screened. The one personal detail they hold is about staff: the
 * network address a sign-in (or a failed one) came from, which the auditor needs to see a credential-stuffing attack
 * or a sign-in from an unexpected place (ASVS V16 security logging). Appends are serialised across instances by the row lock on {@code audit_head}.
 */
public final class AuditLog {
    static final String ZERO = "0".repeat(64);

    private final Database db;
    private final Clock clock;
    private final AuditMac mac;
    private volatile AuditCheckpoints checkpoints;

    public AuditLog(Database db, Clock clock, AuditMac mac) {
        this.db = db;
        this.clock = clock;
        this.mac = mac;
    }

    /** Where verification finds the latest signed checkpoint; set once at start. */
    public void anchorTo(AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    /**
     * The result of a verification: whether the chain is intact, how many entries, the head hash, the first entry
     * that does not verify (or the first missing one), why ({@code rewritten}, {@code truncated},
     * {@code checkpoint-signature}), and the checkpoint it was compared with.
     */
    public record Verification(boolean valid, long entries, String head, Long firstBrokenSeq, String reason,
                               AuditCheckpoints.Checkpoint checkpoint) {
    }

    /** The head as stored: count, hash and MAC of the newest entry. */
    record Head(long seq, String hash, String mac) {
    }

    /** Appends an entry in its own transaction. */
    public void append(String actor, String action, String target, String detail) {
        db.inTransaction(c -> {
            append(c, actor, action, target, detail);
            return null;
        });
    }

    /**
     * Appends an entry inside the caller's transaction, so it commits or rolls back with the caller's work. Inside a
     * group commit the entry joins the batch's others, which are chained in order and written together.
     */
    public void append(Connection c, String actor, String action, String target, String detail) throws SQLException {
        Entry entry = new Entry(clock.millis(), actor, action, target, detail);
        if (!Database.deferToBatch(c, chain, entry)) {
            appendAll(c, List.of(entry));
        }
    }

    private record Entry(long at, String actor, String action, String target, String detail) {
    }

    private final Database.BatchStep<Entry> chain = this::appendAll;

    // Takes the head's row lock and numbers for all the entries in one statement (hash and MAC are still the previous
    // entry's), chains the entries in order, writes them as one batch and moves the head once.
    private void appendAll(Connection c, List<Entry> entries) throws SQLException {
        Head head = Sql.one(c, "UPDATE audit_head SET seq = seq + ? WHERE id = 1 RETURNING seq, hash, mac",
                rs -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3)), entries.size()).orElseThrow();
        long seq = head.seq() - entries.size();
        String prevHash = head.hash();
        String prevMac = head.mac() == null ? ZERO : head.mac();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (seq, at, actor, action, target, detail, "
                + "prev_hash, hash, mac) VALUES (?,?,?,?,?,?,?,?,?)")) {
            for (Entry e : entries) {
                seq++;
                String fields = fields(seq, e.at(), e.actor(), e.action(), e.target(), e.detail());
                String hash = Digests.sha256Hex(prevHash + fields);
                String entryMac = mac.hex(prevMac + fields);
                ps.setLong(1, seq);
                ps.setLong(2, e.at());
                ps.setString(3, e.actor());
                ps.setString(4, e.action());
                ps.setString(5, e.target());
                ps.setString(6, e.detail());
                ps.setString(7, prevHash);
                ps.setString(8, hash);
                ps.setString(9, entryMac);
                ps.addBatch();
                prevHash = hash;
                prevMac = entryMac;
            }
            ps.executeBatch();
        }
        Sql.update(c, "UPDATE audit_head SET hash = ?, mac = ? WHERE id = 1", prevHash, prevMac);
    }

    /** The stored head. */
    Head head() {
        return db.read(c -> Sql.one(c, "SELECT seq, hash, mac FROM audit_head WHERE id = 1",
                rs -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3)))).orElseThrow();
    }

    /** Recomputes the whole chain, hashes and MACs, and compares it with the latest signed checkpoint. */
    public Verification verify() {
        record Entry(long seq, long at, String actor, String action, String target, String detail,
                     String prevHash, String hash, String mac) { }
        List<Entry> entries = db.read(c -> Sql.list(c,
                "SELECT seq, at, actor, action, target, detail, prev_hash, hash, mac FROM audit_log ORDER BY seq",
                rs -> new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9))));
        Optional<AuditCheckpoints.Checkpoint> checkpoint = checkpoints == null ? Optional.empty() : checkpoints.latest();
        AuditCheckpoints.Checkpoint cp = checkpoint.orElse(null);
        if (cp != null && !cp.signatureValid()) {
            return new Verification(false, entries.size(), null, null, "checkpoint-signature", cp);
        }
        String expectedPrev = ZERO;
        String expectedMac = ZERO;
        boolean macStarted = false;
        long expectedSeq = 1;
        for (Entry e : entries) {
            String fields = fields(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.detail());
            // Rows from before the MAC existed have none; once one has a MAC, every later row must.
            macStarted |= e.mac() != null;
            boolean macOk = !macStarted || mac.matches(expectedMac + fields, e.mac());
            if (e.seq() != expectedSeq || !e.prevHash().equals(expectedPrev)
                    || !Digests.sha256Hex(e.prevHash() + fields).equals(e.hash()) || !macOk) {
                return new Verification(false, entries.size(), expectedPrev, expectedSeq, "rewritten", cp);
            }
            if (cp != null && e.seq() == cp.entries() && (!e.hash().equals(cp.head())
                    || (cp.mac() != null && !cp.mac().equals(e.mac())))) {
                return new Verification(false, entries.size(), expectedPrev, e.seq(), "rewritten", cp);
            }
            expectedPrev = e.hash();
            expectedMac = e.mac() == null ? ZERO : e.mac();
            expectedSeq++;
        }
        if (cp != null && entries.size() < cp.entries()) {
            return new Verification(false, entries.size(), expectedPrev, (long) entries.size() + 1, "truncated", cp);
        }
        Head stored = head();
        if (!stored.hash().equals(expectedPrev) || stored.seq() != entries.size()) {
            return new Verification(false, entries.size(), expectedPrev, expectedSeq, "head-moved", cp);
        }
        return new Verification(true, entries.size(), expectedPrev, null, null, cp);
    }

    // Length-prefixed fields: no two different entries serialise to the same text.
    private static String fields(long seq, long at, String actor, String action, String target, String detail) {
        StringBuilder sb = new StringBuilder();
        for (String field : new String[] {Long.toString(seq), Long.toString(at), actor, action, target, detail}) {
            String f = field == null ? "" : field;
            sb.append('|').append(field == null ? -1 : f.length()).append(':').append(f);
        }
        return sb.toString();
    }
}
