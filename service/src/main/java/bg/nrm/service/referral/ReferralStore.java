package bg.nrm.service.referral;

import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.rules.Advice;
import bg.nrm.rules.routing.OrganisationType;
import bg.nrm.service.http.Json;
import bg.nrm.service.metrics.Meters;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;
import com.fasterxml.jackson.core.type.TypeReference;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Referral rows, their envelopes, their outbox columns and their event history: the one class that writes SQL on
 * {@code referrals} and {@code referral_events}. A state changes only through {@link #transition}, whose conditional
 * update repeats the moves {@link ReferralState} allows, so a state name never appears as a literal in SQL.
 */
public final class ReferralStore {
    static final String COLUMNS = "id, screening_id, from_organisation, recipient_id, recipient_type, anonymised, "
            + "consent_overridden, rule, level, child, region, state, created_at, due_by, escalated_from, attempts, "
            + "delivered_at, acknowledged_at, decided_at, minimum_data, notices";

    private static final AtomicLong EVENT_COUNTER = new AtomicLong();

    private final Database db;

    public ReferralStore(Database db) {
        this.db = db;
    }

    /** One entry of a referral's history; {@code sealedReason} is the sealed free text, if any. */
    public record Event(long at, ReferralState state, String actor, String detail, byte[] sealedReason) {
    }

    /**
     * Inserts a referral with its envelope, the binary OpenPGP message ({@link Envelopes#signAndEncryptBinary}), or
     * an empty array for a referral that could not be sealed. The envelope is kept binary and armored when served.
     */
    public static void insert(Connection c, Referral r, byte[] envelope, Long nextAttemptAt) throws SQLException {
        // A referral that could not be sealed (the recipient has no valid key) still owes the recipient a notice.
        boolean noticeOwed = r.state() == ReferralState.FAILED && envelope.length == 0;
        Sql.update(c, "INSERT INTO referrals (" + COLUMNS + ", envelope, envelope_binary, next_attempt_at, updated_at, "
                        + "notice_state, notice_attempts, notice_next_at) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                r.id(), r.screeningId(), r.fromOrganisation(), r.recipientId(), r.recipientType().name(), r.anonymised(),
                r.consentOverridden(), r.rule(), r.level(), r.child(), r.region(), r.state().name(), r.createdAt(),
                r.dueBy(), r.escalatedFrom(), r.attempts(), r.deliveredAt(), r.acknowledgedAt(), r.decidedAt(),
                r.minimumData(), r.notices().isEmpty() ? null : new String(Json.write(r.notices()), UTF_8),
                "", envelope.length == 0 ? null : envelope, nextAttemptAt, r.createdAt(), noticeOwed ? NoticeState.PENDING.name() : null, 0,
                noticeOwed ? r.createdAt() : null);
        event(c, r.id(), r.createdAt(), r.state(), "service", r.escalatedFrom() == null ? "created" : "escalated from " + r.escalatedFrom());
        Meters.referral(r.state().name());
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
        return db.query(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM referrals WHERE screening_id = ? ORDER BY created_at, id",
                ReferralStore::map, screeningId));
    }

    /** How many referrals of each screening are in each state (for the screener's list). */
    public Map<String, Map<ReferralState, Integer>> stateCounts(Collection<String> screeningIds) {
        Map<String, Map<ReferralState, Integer>> counts = new HashMap<>();
        if (screeningIds.isEmpty()) {
            return counts;
        }
        String marks = String.join(",", Collections.nCopies(screeningIds.size(), "?"));
        db.query(c -> Sql.list(c, "SELECT screening_id, state, COUNT(*) FROM referrals WHERE screening_id IN (" + marks
                + ") GROUP BY screening_id, state", rs -> counts.computeIfAbsent(rs.getString(1),
                        k -> new EnumMap<>(ReferralState.class)).put(ReferralState.valueOf(rs.getString(2)), rs.getInt(3)),
                screeningIds.toArray()));
        return counts;
    }

    public List<Referral> forRecipient(String organisationId, int limit) {
        return db.query(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM referrals WHERE recipient_id = ? "
                + "ORDER BY created_at DESC, id LIMIT ?", ReferralStore::map, organisationId, limit));
    }

    /** A new referral as a live alert names it: never case content. */
    public record Created(String id, String recipientId, String level, long createdAt, long dueBy, boolean anonymised) {
    }

    /**
     * Referrals for {@code recipientId} created after the position ({@code afterMillis}, {@code afterId}) in
     * (created_at, id) order, oldest first, for live alerts: only the alert's columns, along the index on
     * (recipient_id, created_at).
     */
    public List<Created> createdFor(String recipientId, long afterMillis, String afterId, int limit) {
        return db.query(c -> Sql.list(c, "SELECT id, recipient_id, level, created_at, due_by, anonymised FROM referrals "
                + "WHERE recipient_id = ? AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?",
                rs -> new Created(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getBoolean(6)), recipientId, afterMillis, afterId, limit));
    }

    /** The armored envelope of a referral; empty text if it has none (never sealed, or shredded). */
    public Optional<String> envelope(String id) {
        return db.query(c -> Sql.one(c, "SELECT envelope, envelope_binary FROM referrals WHERE id = ?",
                rs -> armored(rs, 1), id));
    }

    // The armored envelope from a row's two columns (text at column, binary after it): rows written before V73 hold
    // the armored text, newer ones the binary message, which armors into the same text.
    private static String armored(ResultSet rs, int column) throws SQLException {
        byte[] binary = rs.getBytes(column + 1);
        if (binary != null && binary.length > 0) {
            return Envelopes.armor(binary);
        }
        String text = rs.getString(column);
        return text == null ? "" : text;
    }

    public List<Event> history(String referralId) {
        return db.query(c -> Sql.list(c, "SELECT at, state, actor, detail, reason FROM referral_events WHERE referral_id = ? "
                        + "ORDER BY id",
                rs -> new Event(rs.getLong(1), ReferralState.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getBytes(5)),
                referralId));
    }

    /**
     * Moves a referral to {@code target} if its current state allows it ({@link ReferralState#from()}), stamping the
     * time columns the target implies. ESCALATED from PENDING or DELIVERED also needs the deadline to have passed.
     *
     * @return whether this call moved it (false: someone else moved it first, or the move is not allowed)
     */
    public static boolean transition(Connection c, String id, ReferralState target, long now) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(target.name(), now));
        String set = switch (target) {
            case DELIVERED -> ", delivered_at = ?";
            case ACKNOWLEDGED -> ", acknowledged_at = ?, delivered_at = COALESCE(delivered_at, ?)";
            case ACCEPTED, DECLINED -> ", decided_at = ?, acknowledged_at = COALESCE(acknowledged_at, ?)";
            case COMPLETED, CLOSED -> ", outcome_at = ?";
            default -> "";
        };
        set.chars().filter(ch -> ch == '?').forEach(ch -> params.add(now)); // every stamped column takes this moment
        params.add(id);
        String where = target == ReferralState.ESCALATED ? escalable(params, now) : " AND " + inStates(target.from(), params);
        boolean moved = Sql.update(c, "UPDATE referrals SET state = ?, updated_at = ?" + set + " WHERE id = ?" + where,
                params.toArray()) == 1;
        if (moved) {
            Meters.referral(target.name());
        }
        return moved;
    }

    // Unacknowledged past the deadline, or undeliverable or declined at any time. An acknowledgement that lands first
    // always wins, because the escalating UPDATE repeats this condition.
    private static String escalable(List<Object> params, long now) {
        String awaiting = inStates(ReferralState.AWAITING_ACKNOWLEDGEMENT, params);
        params.add(now);
        String atOnce = inStates(ReferralState.ESCALATED_AT_ONCE, params);
        return " AND ((" + awaiting + " AND due_by < ?) OR " + atOnce + ")";
    }

    private static String inStates(Collection<ReferralState> states, List<Object> params) {
        states.forEach(s -> params.add(s.name()));
        return "state IN (" + String.join(",", Collections.nCopies(states.size(), "?")) + ")";
    }

    /** A referral due for escalation, and the state it is in. */
    public record Due(String id, ReferralState state) {
    }

    /**
     * Referrals that may be escalated now, oldest deadline first. Commissions are informed, not asked to act: their
     * anonymised notices are never escalated.
     */
    public List<Due> escalable(long now, int limit) {
        List<Object> params = new ArrayList<>();
        String where = escalable(params, now).substring(" AND ".length());
        params.add(OrganisationType.LOCAL_COMMISSION.name());
        params.add(OrganisationType.NATIONAL_COMMISSION.name());
        params.add(limit);
        return db.query(c -> Sql.list(c, "SELECT id, state FROM referrals WHERE " + where
                        + " AND recipient_type NOT IN (?,?) ORDER BY due_by LIMIT ?",
                rs -> new Due(rs.getString(1), ReferralState.valueOf(rs.getString(2))), params.toArray()));
    }

    /** The organisations of one type a screening has already been referred to (escalation skips them). */
    public List<String> recipientsOfType(String screeningId, OrganisationType type) {
        return db.query(c -> Sql.list(c, "SELECT recipient_id FROM referrals WHERE screening_id = ? AND recipient_type = ?",
                rs -> rs.getString(1), screeningId, type.name()));
    }

    /**
     * A referral claimed for delivery by one instance, with what the channels need to know of its recipient: the
     * webhook address and the e-mail address (either may be null).
     */
    public record Outbound(String id, String recipientId, String webhookUrl, String email, String envelope,
                           int attempts) {
    }

    /**
     * Claims up to {@code batch} PENDING referrals whose recipient has a channel the service pushes to (a webhook, or
     * an e-mail address when {@code mailEnabled}) and whose next attempt is due, for {@code leaseMillis}. On
     * PostgreSQL the rows are locked with {@code SKIP LOCKED}, so instances never claim the same row; a crashed
     * instance's claims expire with the lease.
     */
    public List<Outbound> claimForDelivery(String instanceId, long now, long leaseMillis, int batch, boolean mailEnabled) {
        String pushes = mailEnabled ? "webhook_url IS NOT NULL OR email IS NOT NULL" : "webhook_url IS NOT NULL";
        long until = now + leaseMillis;
        return db.inTransaction(c -> {
            // Referrals to organisations that pull stay PENDING until fetched, so the due ones are looked for only
            // among the recipients that push; none (as in the demo directory) means no walk over every waiting
            // referral, once a second, on the writer connection.
            List<Object> params = new ArrayList<>(Sql.list(c, "SELECT id FROM organisations WHERE " + pushes,
                    rs -> rs.getString(1)));
            if (params.isEmpty()) {
                return List.<Outbound>of();
            }
            String due = "SELECT r.id FROM referrals r WHERE r.recipient_id IN ("
                    + String.join(", ", Collections.nCopies(params.size(), "?")) + ") AND r.state = ? "
                    + "AND r.next_attempt_at <= ? AND (r.claimed_until IS NULL OR r.claimed_until < ?) "
                    + "ORDER BY r.next_attempt_at LIMIT " + batch;
            params.addAll(List.of(ReferralState.PENDING.name(), now, now));
            List<String> ids = Sql.list(c, db.postgres() ? due + " FOR UPDATE OF r SKIP LOCKED" : due,
                    rs -> rs.getString(1), params.toArray());
            for (String id : ids) {
                Sql.update(c, "UPDATE referrals SET claimed_by = ?, claimed_until = ? WHERE id = ?", instanceId, until, id);
            }
            return ids.isEmpty() ? List.of() : Sql.list(c, "SELECT r.id, r.recipient_id, o.webhook_url, o.email, "
                            + "r.envelope, r.envelope_binary, r.attempts FROM referrals r JOIN organisations o ON o.id = r.recipient_id "
                            + "WHERE r.claimed_by = ? AND r.claimed_until = ? AND r.state = ?",
                    rs -> new Outbound(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            armored(rs, 5), rs.getInt(7)),
                    instanceId, until, ReferralState.PENDING.name());
        });
    }

    /** Records the services given with a COMPLETED outcome (codes, comma-separated; no free text). */
    public static void servicesGiven(Connection c, String id, List<String> services) throws SQLException {
        Sql.update(c, "UPDATE referrals SET services_given = ? WHERE id = ?", String.join(",", services), id);
    }

    /** Records whether the person was formally identified as a victim of trafficking (police only). */
    public static void formallyIdentified(Connection c, String id, boolean identified, long now) throws SQLException {
        Sql.update(c, "UPDATE referrals SET formally_identified = ?, updated_at = ? WHERE id = ?", identified ? 1 : 0, now, id);
    }

    /** What was recorded after acceptance: the services given, and the police's formal identification (or null). */
    public record FollowUp(List<String> servicesGiven, Boolean formallyIdentified) {
    }

    public FollowUp followUp(String id) {
        return db.query(c -> Sql.one(c, "SELECT services_given, formally_identified FROM referrals WHERE id = ?",
                rs -> new FollowUp(rs.getString(1) == null || rs.getString(1).isEmpty() ? List.of()
                        : List.of(rs.getString(1).split(",")),
                        Sql.nullableInt(rs, "formally_identified") == null ? null
                                : Sql.nullableInt(rs, "formally_identified") == 1), id).orElseThrow());
    }

    /** Where a content-free notice about a referral stands. */
    public enum NoticeState {
        PENDING, SENT, FAILED
    }

    /** A notice claimed for sending: the referral it is about, its recipient's e-mail, attempts so far. */
    public record OwedNotice(String referralId, String recipientId, String email, int attempts) {
    }

    /** Claims due notices to recipients with an e-mail address, like {@link #claimForDelivery}. */
    public List<OwedNotice> claimNotices(String instanceId, long now, long leaseMillis, int batch) {
        String due = "SELECT r.id FROM referrals r JOIN organisations o ON o.id = r.recipient_id "
                + "WHERE r.notice_state = ? AND o.email IS NOT NULL AND r.notice_next_at <= ? "
                + "AND (r.claimed_until IS NULL OR r.claimed_until < ?) ORDER BY r.notice_next_at LIMIT " + batch;
        long until = now + leaseMillis;
        return db.inTransaction(c -> {
            List<String> ids = Sql.list(c, db.postgres() ? due + " FOR UPDATE OF r SKIP LOCKED" : due,
                    rs -> rs.getString(1), NoticeState.PENDING.name(), now, now);
            for (String id : ids) {
                Sql.update(c, "UPDATE referrals SET claimed_by = ?, claimed_until = ? WHERE id = ?", instanceId, until, id);
            }
            return ids.isEmpty() ? List.of() : Sql.list(c, "SELECT r.id, r.recipient_id, o.email, r.notice_attempts "
                            + "FROM referrals r JOIN organisations o ON o.id = r.recipient_id "
                            + "WHERE r.claimed_by = ? AND r.claimed_until = ? AND r.notice_state = ?",
                    rs -> new OwedNotice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
                    instanceId, until, NoticeState.PENDING.name());
        });
    }

    /** Records one notice attempt on a claimed row and releases the claim; returns whether the claim was still ours. */
    public static boolean recordNotice(Connection c, String id, String instanceId, int attempt, NoticeState target,
                                       Long nextAttemptAt, long now) throws SQLException {
        return Sql.update(c, "UPDATE referrals SET notice_state = ?, notice_attempts = ?, notice_next_at = ?, "
                        + "claimed_by = NULL, claimed_until = NULL WHERE id = ? AND notice_state = ? AND claimed_by = ?",
                target.name(), attempt, nextAttemptAt, id, NoticeState.PENDING.name(), instanceId) == 1;
    }

    /**
     * Records the outcome of one delivery attempt on a referral this instance has claimed, and releases the claim:
     * {@code target} DELIVERED or FAILED ends delivery; PENDING schedules the next attempt at {@code nextAttemptAt}.
     *
     * @return whether the claim was still this instance's (false: it expired and another instance took over)
     */
    public static boolean recordAttempt(Connection c, String id, String instanceId, int attempt, ReferralState target,
                                        Long nextAttemptAt, long now) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(target.name(), attempt, now));
        String set = switch (target) {
            case DELIVERED -> ", delivered_at = ?";
            case PENDING -> ", next_attempt_at = ?";
            case FAILED -> "";
            default -> throw new IllegalArgumentException("a delivery attempt cannot end in " + target);
        };
        if (target != ReferralState.FAILED) {
            params.add(target == ReferralState.DELIVERED ? now : nextAttemptAt);
        }
        params.addAll(List.of(id, ReferralState.PENDING.name(), instanceId));
        boolean recorded = Sql.update(c, "UPDATE referrals SET state = ?, attempts = ?, updated_at = ?" + set
                + ", claimed_by = NULL, claimed_until = NULL WHERE id = ? AND state = ? AND claimed_by = ?",
                params.toArray()) == 1;
        if (recorded && target != ReferralState.PENDING) {
            Meters.referral(target.name());
        }
        return recorded;
    }

    /** Gives back this instance's claim without an attempt (the worker is stopping). */
    public void release(String id, String instanceId) {
        db.inTransaction(c -> Sql.update(c, "UPDATE referrals SET claimed_by = NULL, claimed_until = NULL WHERE id = ? "
                + "AND claimed_by = ?", id, instanceId));
    }

    /**
     * Forgets the case material held with the referrals of screenings created before {@code beforeMillis} that are
     * not yet shredded: the sealed reasons and the envelopes. Runs inside the shredding transaction, before the
     * screenings lose their data keys.
     */
    public static void shredCaseMaterial(Connection c, long beforeMillis) throws SQLException {
        String expired = "SELECT id FROM screenings WHERE created_at < ? AND data_key IS NOT NULL";
        Sql.update(c, "UPDATE referral_events SET reason = NULL WHERE referral_id IN "
                + "(SELECT id FROM referrals WHERE screening_id IN (" + expired + "))", beforeMillis);
        Sql.update(c, "UPDATE referrals SET envelope = '', envelope_binary = NULL WHERE screening_id IN (" + expired + ")", beforeMillis);
    }

    /**
     * The referrals of one region, recipient type and month: how many, how many acknowledged by their deadline, how
     * many escalated, and the minutes each acknowledged one took. {@code month} indexes the months whose starts
     * (epoch milliseconds) are {@code monthStarts}; the last element ends the last month.
     */
    public record MonthFigures(String region, String recipientType, int month, long referrals, long acknowledgedInTime,
                               long escalations, List<Long> minutesToAcknowledge, long presumedVictims,
                               long formallyIdentified) {
    }

    /**
     * Mechanism figures grouped in SQL. The month is computed from bound month boundaries, the same on SQLite and
     * PostgreSQL.
     *
     * @param regions the regions to count; empty for all regions
     */
    public List<MonthFigures> mechanismFigures(List<Long> monthStarts, List<String> regions) {
        List<Object> params = new ArrayList<>();
        StringBuilder bucket = new StringBuilder("CASE");
        for (int i = 1; i < monthStarts.size(); i++) {
            bucket.append(" WHEN created_at < ? THEN ").append(i - 1);
            params.add(monthStarts.get(i));
        }
        bucket.append(" END");
        List<Object> where = new ArrayList<>(List.of(monthStarts.get(0), monthStarts.get(monthStarts.size() - 1)));
        String filter = " FROM referrals WHERE created_at >= ? AND created_at < ?";
        if (!regions.isEmpty()) {
            where.addAll(regions);
            filter += " AND region IN (" + String.join(",", Collections.nCopies(regions.size(), "?")) + ")";
        }
        List<Object> beforeWhere = new ArrayList<>(params);
        beforeWhere.addAll(where);
        List<Object> counts = new ArrayList<>(params);
        counts.add(ReferralState.ESCALATED.name());
        counts.addAll(where);
        String countSql = "SELECT region, recipient_type, " + bucket + " AS m, COUNT(*), "
                + "SUM(CASE WHEN acknowledged_at IS NOT NULL AND acknowledged_at <= due_by THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN state = ? THEN 1 ELSE 0 END), "
                // Presumed victims: referrals from screenings that found trafficking indicated; of those, the police
                // record which were formally identified (the NRM's identification, not the service's).
                + "SUM(CASE WHEN EXISTS (SELECT 1 FROM screenings s WHERE s.id = referrals.screening_id "
                + "AND s.assessment_json LIKE '%\"TRAFFICKING_INDICATED\"%') THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN formally_identified = 1 THEN 1 ELSE 0 END)" + filter + " GROUP BY region, recipient_type, m";
        String durationSql = "SELECT region, recipient_type, " + bucket + " AS m, acknowledged_at - created_at" + filter
                + " AND acknowledged_at IS NOT NULL";
        return db.read(c -> {
            Map<List<Object>, List<Long>> minutes = new HashMap<>();
            for (List<Object> row : Sql.list(c, durationSql,
                    rs -> List.<Object>of(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4) / 60_000),
                    beforeWhere.toArray())) {
                minutes.computeIfAbsent(row.subList(0, 3), k -> new ArrayList<>()).add((Long) row.get(3));
            }
            return Sql.list(c, countSql, rs -> {
                List<Long> mins = new ArrayList<>(minutes.getOrDefault(List.of(rs.getString(1), rs.getString(2),
                        rs.getInt(3)), List.of()));
                Collections.sort(mins);
                return new MonthFigures(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), List.copyOf(mins), rs.getLong(7), rs.getLong(8));
            }, counts.toArray());
        });
    }

    static Referral map(ResultSet rs) throws SQLException {
        return new Referral(rs.getString("id"), rs.getString("screening_id"), rs.getString("from_organisation"),
                rs.getString("recipient_id"), OrganisationType.valueOf(rs.getString("recipient_type")),
                rs.getInt("anonymised") == 1, rs.getInt("consent_overridden") == 1, rs.getString("rule"),
                rs.getString("level"), rs.getInt("child") == 1, rs.getString("region"),
                ReferralState.valueOf(rs.getString("state")), rs.getLong("created_at"), rs.getLong("due_by"),
                rs.getString("escalated_from"), rs.getInt("attempts"), Sql.nullableLong(rs, "delivered_at"),
                Sql.nullableLong(rs, "acknowledged_at"), Sql.nullableLong(rs, "decided_at"),
                rs.getInt("minimum_data") == 1, notices(rs.getString("notices")));
    }

    private static final TypeReference<List<Advice>> ADVICE_LIST = new TypeReference<>() {
    };

    private static List<Advice> notices(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(json, ADVICE_LIST);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a referral's stored notices do not parse", e);
        }
    }
}
