package bg.nrm.service.screening;

import bg.nrm.service.referral.ReferralState;
import bg.nrm.service.referral.ReferralStore;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An organisation's screenings, newest first, for the screener's list page: when, by whom, which questionnaire,
 * the level, and how many of its referrals are in each state. Reads only plain columns, never sealed case content.
 */
public final class ScreeningList {
    /** At most this many rows are listed; filters narrow it down. */
    public static final int LIMIT = 200;

    private final Database db;
    private final ReferralStore referrals;

    public ScreeningList(Database db, ReferralStore referrals) {
        this.db = db;
        this.referrals = referrals;
    }

    /** One line of the list. */
    public record Item(String id, Instant createdAt, String createdBy, String questionnaire, int questionnaireVersion,
                       String level, Map<ReferralState, Integer> referrals) {
        public int referralCount() {
            return referrals.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * The organisation's screenings; {@code level} (a risk level code) and {@code state} (a referral state: the
     * screening has at least one referral in it) narrow the list when not null.
     */
    public List<Item> find(String organisationId, String level, ReferralState state) {
        StringBuilder sql = new StringBuilder("SELECT id, created_at, created_by, questionnaire_id, questionnaire_version, "
                + "level FROM screenings s WHERE organisation_id = ?");
        List<Object> params = new ArrayList<>(List.of(organisationId));
        if (level != null) {
            sql.append(" AND level = ?");
            params.add(level);
        }
        if (state != null) {
            // The one read of the referrals table outside ReferralStore: a filter, so that LIMIT applies after it.
            sql.append(" AND EXISTS (SELECT 1 FROM referrals r WHERE r.screening_id = s.id AND r.state = ?)");
            params.add(state.name());
        }
        sql.append(" ORDER BY created_at DESC, id LIMIT ").append(LIMIT);
        List<Item> rows = db.read(c -> Sql.list(c, sql.toString(), rs -> new Item(rs.getString(1),
                Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                new EnumMap<>(ReferralState.class)), params.toArray()));
        Map<String, Map<ReferralState, Integer>> counts = referrals.stateCounts(rows.stream().map(Item::id).toList());
        return rows.stream().map(i -> new Item(i.id(), i.createdAt(), i.createdBy(), i.questionnaire(),
                i.questionnaireVersion(), i.level(), counts.getOrDefault(i.id(), Map.of()))).toList();
    }
}
