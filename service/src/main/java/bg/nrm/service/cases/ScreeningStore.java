package bg.nrm.service.cases;

import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Screening rows: metadata in clear, case content sealed, the data key wrapped (or gone once shredded). */
public final class ScreeningStore {
    private final Database db;

    public ScreeningStore(Database db) {
        this.db = db;
    }

    /** A stored screening. {@code content} and {@code dataKey} are null once crypto-shredded. */
    public record Row(String id, String organisationId, String createdBy, long createdAt, String questionnaireId,
                      int questionnaireVersion, String rulesetVersion, String level, String assessmentJson,
                      byte[] content, byte[] dataKey, String idempotencyKey, String requestHash, String responseJson) {
    }

    private static final String COLUMNS = "id, organisation_id, created_by, created_at, questionnaire_id, "
            + "questionnaire_version, ruleset_version, level, assessment_json, content, data_key, idempotency_key, "
            + "request_hash, response_json";

    public static void insert(Connection c, Row r) throws SQLException {
        Sql.update(c, "INSERT INTO screenings (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                r.id(), r.organisationId(), r.createdBy(), r.createdAt(), r.questionnaireId(), r.questionnaireVersion(),
                r.rulesetVersion(), r.level(), r.assessmentJson(), r.content(), r.dataKey(), r.idempotencyKey(),
                r.requestHash(), r.responseJson());
    }

    public Optional<Row> find(String id) {
        return db.query(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM screenings WHERE id = ?", ScreeningStore::map, id));
    }

    public Optional<Row> findByIdempotencyKey(String organisationId, String user, String key) {
        return db.query(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM screenings WHERE organisation_id = ? "
                + "AND created_by = ? AND idempotency_key = ?", ScreeningStore::map, organisationId, user, key));
    }

    /**
     * Crypto-shreds, inside the caller's transaction, the screenings created before {@code beforeMillis}: their data
     * key and sealed content are deleted; the assessment and the statistics stay. The referrals' own case material
     * (envelopes, sealed reasons) must be forgotten first, in the same transaction, by the referral store.
     */
    public static int shred(Connection c, long beforeMillis, long now) throws SQLException {
        return Sql.update(c, "UPDATE screenings SET data_key = NULL, content = NULL, shredded_at = ? "
                + "WHERE created_at < ? AND data_key IS NOT NULL", now, beforeMillis);
    }

    private static Row map(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getInt(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getBytes(10), rs.getBytes(11), rs.getString(12),
                rs.getString(13), rs.getString(14));
    }
}
