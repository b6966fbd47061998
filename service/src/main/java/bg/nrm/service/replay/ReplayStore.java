package bg.nrm.service.replay;

import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stored screenings for a replay, a page at a time in (created_at, id) order, so that a scan over a hundred
 * thousand screenings never holds more than one page of sealed content in memory.
 */
final class ReplayStore {
    private static final String COLUMNS = "id, organisation_id, created_by, created_at, questionnaire_id, "
            + "questionnaire_version, ruleset_version, level, assessment_json, content, data_key";

    private final Database db;

    ReplayStore(Database db) {
        this.db = db;
    }

    /** Where a page ends: the next page starts after this screening. */
    record Cursor(long createdAt, String id) {
        static Cursor parse(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("cursor");
            }
            return new Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        }

        @Override
        public String toString() {
            return createdAt + ":" + id;
        }
    }

    /**
     * One page of screenings made under a ruleset of the given major version (for example {@code "1."}) that still
     * hold their content, from {@code from} to {@code to} (epoch millis, inclusive, exclusive), after the cursor.
     *
     * @param organisationId the screening organisation, or null for every organisation (commission tables)
     */
    List<ScreeningStore.Row> page(String organisationId, String rulesetPrefix, long from, long to, Cursor after,
                                  int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM screenings WHERE ruleset_version LIKE ? "
                + "AND data_key IS NOT NULL AND created_at >= ? AND created_at < ?");
        List<Object> params = new ArrayList<>(List.of(rulesetPrefix + "%", from, to));
        if (organisationId != null) {
            sql.append(" AND organisation_id = ?");
            params.add(organisationId);
        }
        if (after != null) {
            sql.append(" AND (created_at > ? OR (created_at = ? AND id > ?))");
            params.add(after.createdAt());
            params.add(after.createdAt());
            params.add(after.id());
        }
        sql.append(" ORDER BY created_at, id LIMIT ").append(limit);
        return db.read(c -> Sql.list(c, sql.toString(), rs -> new ScreeningStore.Row(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getInt(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getBytes(10), rs.getBytes(11), null, null, null),
                params.toArray()));
    }

    /**
     * The recipient types each screening of the page was first referred to (escalations left out: they replace a
     * recipient of the same type), by screening id.
     */
    Map<String, List<String>> recipientTypes(List<ScreeningStore.Row> rows) {
        Map<String, List<String>> types = new HashMap<>();
        if (rows.isEmpty()) {
            return types;
        }
        String marks = String.join(",", java.util.Collections.nCopies(rows.size(), "?"));
        Object[] ids = rows.stream().map(ScreeningStore.Row::id).toArray();
        db.read(c -> Sql.list(c, "SELECT screening_id, recipient_type FROM referrals WHERE escalated_from IS NULL "
                + "AND screening_id IN (" + marks + ")", rs -> {
                    types.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    return null;
                }, ids));
        return types;
    }
}
