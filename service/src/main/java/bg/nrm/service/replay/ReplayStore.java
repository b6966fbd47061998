package bg.nrm.service.replay;

import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one class with SQL on {@code replay_outcomes} and {@code replay_backfill}, and the reads of stored screenings a
 * replay needs: the precomputed pairs (inserted once, never changed), the screener's keyset-paged list of changed
 * ones, the commission's table grouped in SQL, and the backfill's batches and progress.
 */
final class ReplayStore {
    private static final String SCREENING_COLUMNS = "s.id, s.organisation_id, s.created_by, s.created_at, "
            + "s.questionnaire_id, s.questionnaire_version, s.ruleset_version, s.level, s.assessment_json, s.content, "
            + "s.data_key";
    // Screenings made under ruleset 1.x that still hold their content and have no pair for the target ruleset.
    private static final String UNREPLAYED = " FROM screenings s WHERE s.ruleset_version LIKE '1.%' "
            + "AND s.data_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM replay_outcomes r "
            + "WHERE r.screening_id = s.id AND r.target_ruleset = ?)";

    private final Database db;

    ReplayStore(Database db) {
        this.db = db;
    }

    /** Where a page ends: the next page starts after this screening. */
    record Cursor(long createdAt, String id) {
        static Cursor parse(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("cursor");
            }
            return new Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        }

        @Override
        public String toString() {
            return createdAt + ":" + id;
        }
    }

    /** One listed pair: the screening and both outcomes as stored JSON. */
    record Listed(String screeningId, long createdAt, String questionnaireId, int questionnaireVersion,
                  String outcomeJson) {
    }

    /** The backfill's progress for one target ruleset. */
    record Progress(String afterId, long pending, boolean done) {
    }

    /**
     * Inserts a pair unless one is already there (the backfill and a new screening never both write one) or the
     * screening's content was shredded meanwhile (a pair lives only as long as the content it was computed from).
     */
    static void insert(Connection c, ReplayOutcomes.Pair p, long now) throws SQLException {
        Sql.update(c, "INSERT INTO replay_outcomes (screening_id, target_ruleset, organisation_id, created_at, region, "
                        + "questionnaire_id, questionnaire_version, source_level, target_level, changed, outcome_json, "
                        + "computed_at) SELECT ?,?,?,?,?,?,?,?,?,?,?,? WHERE EXISTS (SELECT 1 FROM screenings "
                        + "WHERE id = ? AND data_key IS NOT NULL) ON CONFLICT (screening_id, target_ruleset) DO NOTHING",
                p.screeningId(), p.targetRuleset(), p.organisationId(), p.createdAt(), p.region(), p.questionnaireId(),
                p.questionnaireVersion(), p.sourceLevel(), p.targetLevel(), p.changed(), p.outcomeJson(), now,
                p.screeningId());
    }

    /** Forgets, inside the retention's transaction, the pairs of the screenings whose content it shreds. */
    static int forget(Connection c, long beforeMillis) throws SQLException {
        return Sql.update(c, "DELETE FROM replay_outcomes WHERE created_at < ?", beforeMillis);
    }

    /**
     * One page of an organisation's screenings whose outcome changes under the target ruleset (all still hold their
     * content: the retention forgets a pair with the content), created from {@code from} to {@code to} (epoch
     * millis, inclusive, exclusive), after the cursor, in (created_at, id) order: one range of one index.
     */
    List<Listed> changed(String target, String organisationId, long from, long to, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT screening_id, created_at, questionnaire_id, "
                + "questionnaire_version, outcome_json FROM replay_outcomes WHERE target_ruleset = ? "
                + "AND organisation_id = ? AND changed = 1 AND created_at >= ? AND created_at < ?");
        List<Object> params = new ArrayList<>(List.of(target, organisationId, from, to));
        if (after != null) {
            sql.append(" AND (created_at, screening_id) > (?, ?)");
            params.add(after.createdAt());
            params.add(after.id());
        }
        sql.append(" ORDER BY created_at, screening_id LIMIT ").append(limit);
        return db.query(c -> Sql.list(c, sql.toString(), rs -> new Listed(rs.getString(1), rs.getLong(2),
                rs.getString(3), rs.getInt(4), rs.getString(5)), params.toArray()));
    }

    /** How many of an organisation's screenings of the period have been replayed under the target ruleset. */
    long replayed(String target, String organisationId, long from, long to) {
        return db.query(c -> Sql.one(c, "SELECT COUNT(*) FROM replay_outcomes WHERE target_ruleset = ? "
                        + "AND organisation_id = ? AND changed IN (0, 1) AND created_at >= ? AND created_at < ?",
                rs -> rs.getLong(1), target, organisationId, from, to).orElse(0L));
    }

    /**
     * The (source level, target level) counts of the screenings replayed under the target ruleset, created in the
     * period, of the given regions (all when empty); the screenings that could not be replayed are left out.
     */
    Map<List<String>, Long> transitions(String target, long from, long to, List<String> regions) {
        StringBuilder sql = new StringBuilder("SELECT source_level, target_level, COUNT(*) FROM replay_outcomes "
                + "WHERE target_ruleset = ? AND created_at >= ? AND created_at < ? AND target_level IS NOT NULL");
        List<Object> params = new ArrayList<>(List.of(target, from, to));
        if (!regions.isEmpty()) {
            sql.append(" AND region IN (").append(String.join(",", Collections.nCopies(regions.size(), "?")))
                    .append(")");
            params.addAll(regions);
        }
        sql.append(" GROUP BY source_level, target_level");
        Map<List<String>, Long> counts = new HashMap<>();
        db.query(c -> Sql.list(c, sql.toString(), rs -> counts.put(List.of(rs.getString(1), rs.getString(2)),
                rs.getLong(3)), params.toArray()));
        return counts;
    }

    /** A window of the backfill: the last screening id it covers, and those of its screenings to replay. */
    record Window(String lastId, List<ScreeningStore.Row> unreplayed) {
    }

    /**
     * The next {@code size} screenings in id order after {@code afterId} (read from the primary key alone), and
     * among them the ruleset-1 ones holding their content without a pair for the target ruleset. A window's cost
     * does not grow with how far the backfill has got; empty ({@code lastId} null) after the last screening.
     */
    Window window(String target, String afterId, int size) {
        return db.query(c -> {
            List<String> ids = Sql.list(c, "SELECT id FROM screenings WHERE id > ? ORDER BY id LIMIT " + size,
                    rs -> rs.getString(1), afterId);
            if (ids.isEmpty()) {
                return new Window(null, List.of());
            }
            String last = ids.get(ids.size() - 1);
            return new Window(last, Sql.list(c, "SELECT " + SCREENING_COLUMNS + UNREPLAYED
                            + " AND s.id > ? AND s.id <= ? ORDER BY s.id",
                    rs -> new ScreeningStore.Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getBytes(10), rs.getBytes(11), null, null, null),
                    target, afterId, last));
        });
    }

    /** How many ruleset-1 screenings holding their content have no pair for the target ruleset yet. */
    long countUnreplayed(String target) {
        return db.query(c -> Sql.one(c, "SELECT COUNT(*)" + UNREPLAYED, rs -> rs.getLong(1), target).orElse(0L));
    }

    /** Whether any ruleset-1 screening holding its content has no pair for the target ruleset yet. */
    boolean anyUnreplayed(String target) {
        return db.query(c -> Sql.one(c, "SELECT 1" + UNREPLAYED + " LIMIT 1", rs -> true, target)).isPresent();
    }

    Optional<Progress> progress(String target) {
        return db.query(c -> Sql.one(c, "SELECT after_id, pending, done FROM replay_backfill WHERE target_ruleset = ?",
                rs -> new Progress(rs.getString(1), rs.getLong(2), rs.getInt(3) == 1), target));
    }

    /** Starts the backfill of a target ruleset (another instance may have started it already: then nothing). */
    void start(String target, long pending, long now) {
        db.read(c -> Sql.update(c, "INSERT INTO replay_backfill (target_ruleset, after_id, pending, done, updated_at) "
                + "VALUES (?, '', ?, 0, ?) ON CONFLICT (target_ruleset) DO NOTHING", target, pending, now));
    }

    /**
     * Moves the cursor from {@code from} to {@code to} after {@code done} screenings, inside the batch's transaction;
     * false when another instance moved it first (its pairs and these are the same, and kept once).
     */
    static boolean advance(Connection c, String target, String from, String to, int done, long now)
            throws SQLException {
        return Sql.update(c, "UPDATE replay_backfill SET after_id = ?, pending = CASE WHEN pending > ? THEN pending - ? "
                + "ELSE 0 END, updated_at = ? WHERE target_ruleset = ? AND after_id = ? AND done = 0",
                to, (long) done, (long) done, now, target, from) == 1;
    }

    /** Starts another pass from the first id: screenings were stored behind the cursor without a pair. */
    void restart(String target, String from, long pending, long now) {
        db.read(c -> Sql.update(c, "UPDATE replay_backfill SET after_id = '', pending = ?, updated_at = ? "
                + "WHERE target_ruleset = ? AND after_id = ? AND done = 0", pending, now, target, from));
    }

    void finish(String target, String from, long now) {
        db.read(c -> Sql.update(c, "UPDATE replay_backfill SET pending = 0, done = 1, updated_at = ? "
                + "WHERE target_ruleset = ? AND after_id = ?", now, target, from));
    }

    /**
     * The recipient types each screening was first referred to (escalations left out: they replace a recipient of
     * the same type), by screening id.
     */
    Map<String, List<String>> recipientTypes(List<ScreeningStore.Row> rows) {
        Map<String, List<String>> types = new HashMap<>();
        if (rows.isEmpty()) {
            return types;
        }
        String marks = String.join(",", Collections.nCopies(rows.size(), "?"));
        Object[] ids = rows.stream().map(ScreeningStore.Row::id).toArray();
        db.query(c -> Sql.list(c, "SELECT screening_id, recipient_type FROM referrals WHERE escalated_from IS NULL "
                + "AND screening_id IN (" + marks + ")", rs -> {
                    types.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    return null;
                }, ids));
        return types;
    }
}
