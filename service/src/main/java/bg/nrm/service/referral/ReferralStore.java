package bg.nrm.service.referral;

import bg.nrm.rules.routing.OrganisationType;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Referral rows, their envelopes and their event history. */
public final class ReferralStore {
    static final String COLUMNS = "id, screening_id, from_organisation, recipient_id, recipient_type, anonymised, "
            + "consent_overridden, rule, level, child, region, state, created_at, due_by, escalated_from, attempts, "
            + "delivered_at, acknowledged_at, decided_at";

    private static final AtomicLong EVENT_COUNTER = new AtomicLong();

    private final Database db;

    public ReferralStore(Database db) {
        this.db = db;
    }

    /** One entry of a referral's history; {@code sealedReason} is the sealed free text, if any. */
    public record Event(long at, ReferralState state, String actor, String detail, byte[] sealedReason) {
    }

    public static void insert(Connection c, Referral r, String envelope, Long nextAttemptAt) throws SQLException {
        Sql.update(c, "INSERT INTO referrals (" + COLUMNS + ", envelope, next_attempt_at, updated_at) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                r.id(), r.screeningId(), r.fromOrganisation(), r.recipientId(), r.recipientType().name(), r.anonymised(),
                r.consentOverridden(), r.rule(), r.level(), r.child(), r.region(), r.state().name(), r.createdAt(),
                r.dueBy(), r.escalatedFrom(), r.attempts(), r.deliveredAt(), r.acknowledgedAt(), r.decidedAt(),
                envelope, nextAttemptAt, r.createdAt());
        event(c, r.id(), r.createdAt(), r.state(), "service", r.escalatedFrom() == null ? "created" : "escalated from " + r.escalatedFrom());
    }

    public static void event(Connection c, String referralId, long at, ReferralState state, String actor, String detail)
            throws SQLException {
        event(c, referralId, at, state, actor, detail, null);
    }

    /** Records an event with a free-text reason already sealed under the screening's data key. */
    public static void event(Connection c, String referralId, long at, ReferralState state, String actor, String detail,
                             byte[] sealedReason) throws SQLException {
        Sql.update(c, "INSERT INTO referral_events (id, referral_id, at, state, actor, detail, reason) VALUES (?,?,?,?,?,?,?)",
                eventId(at), referralId, at, state.name(), actor, detail, sealedReason);
    }

    // Sorts by time, then by the order of writing within this process; the random tail keeps ids unique across instances.
    private static String eventId(long at) {
        return String.format("%013d-%09d-%s", at, EVENT_COUNTER.incrementAndGet() % 1_000_000_000,
                UUID.randomUUID().toString().substring(0, 8));
    }

    public Optional<Referral> find(String id) {
        return db.read(c -> find(c, id));
    }

    public static Optional<Referral> find(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM referrals WHERE id = ?", ReferralStore::map, id);
    }

    public List<Referral> forScreening(String screeningId) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM referrals WHERE screening_id = ? ORDER BY created_at, id",
                ReferralStore::map, screeningId));
    }

    public List<Referral> forRecipient(String organisationId, int limit) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM referrals WHERE recipient_id = ? "
                + "ORDER BY created_at DESC, id LIMIT ?", ReferralStore::map, organisationId, limit));
    }

    /** Referrals created after {@code afterMillis} (for live alerts), oldest first. */
    public List<Referral> createdAfter(long afterMillis, int limit) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM referrals WHERE created_at > ? "
                + "ORDER BY created_at, id LIMIT ?", ReferralStore::map, afterMillis, limit));
    }

    public Optional<String> envelope(String id) {
        return db.read(c -> Sql.one(c, "SELECT envelope FROM referrals WHERE id = ?", rs -> rs.getString(1), id));
    }

    public List<Event> history(String referralId) {
        return db.read(c -> Sql.list(c, "SELECT at, state, actor, detail, reason FROM referral_events WHERE referral_id = ? "
                        + "ORDER BY id",
                rs -> new Event(rs.getLong(1), ReferralState.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getBytes(5)),
                referralId));
    }

    static Referral map(ResultSet rs) throws SQLException {
        return new Referral(rs.getString("id"), rs.getString("screening_id"), rs.getString("from_organisation"),
                rs.getString("recipient_id"), OrganisationType.valueOf(rs.getString("recipient_type")),
                rs.getInt("anonymised") == 1, rs.getInt("consent_overridden") == 1, rs.getString("rule"),
                rs.getString("level"), rs.getInt("child") == 1, rs.getString("region"),
                ReferralState.valueOf(rs.getString("state")), rs.getLong("created_at"), rs.getLong("due_by"),
                rs.getString("escalated_from"), rs.getInt("attempts"), Sql.nullableLong(rs, "delivered_at"),
                Sql.nullableLong(rs, "acknowledged_at"), Sql.nullableLong(rs, "decided_at"));
    }
}
