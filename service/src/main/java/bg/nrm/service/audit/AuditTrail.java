package bg.nrm.service.audit;

import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the audit log for the auditor, newest first, a page at a time. Paging is by sequence number ("older than
 * entry N"), so a page stays the same while new entries arrive and no page costs more than its own rows. Entries
 * hold actors, actions and ids, never case content (see {@link AuditLog}).
 */
public final class AuditTrail {
    private final Database db;

    public AuditTrail(Database db) {
        this.db = db;
    }

    /** One entry as the auditor sees it. */
    public record Entry(long seq, Instant at, String actor, String action, String target, String detail) {
    }

    /** A page of entries and whether older ones exist. */
    public record Page(List<Entry> entries, boolean more) {
        /** The sequence number to ask for the next (older) page with; null on the last page. */
        public Long next() {
            return more && !entries.isEmpty() ? entries.get(entries.size() - 1).seq() : null;
        }
    }

    /**
     * Up to {@code size} entries older than {@code before} (all when null), newest first, optionally only those of
     * one actor and/or one action (exact match; values are bound parameters).
     */
    public Page page(Long before, int size, String actor, String action) {
        StringBuilder sql = new StringBuilder("SELECT seq, at, actor, action, target, detail FROM audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (before != null) {
            sql.append(" AND seq < ?");
            params.add(before);
        }
        if (actor != null && !actor.isEmpty()) {
            sql.append(" AND actor = ?");
            params.add(actor);
        }
        if (action != null && !action.isEmpty()) {
            sql.append(" AND action = ?");
            params.add(action);
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        params.add(size + 1);
        List<Entry> rows = db.read(c -> Sql.list(c, sql.toString(), rs -> new Entry(rs.getLong(1),
                Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6)), params.toArray()));
        boolean more = rows.size() > size;
        return new Page(more ? List.copyOf(rows.subList(0, size)) : rows, more);
    }

    /** The actions that occur in the log, for the auditor's filter. */
    public List<String> actions() {
        return db.read(c -> Sql.list(c, "SELECT DISTINCT action FROM audit_log ORDER BY action", rs -> rs.getString(1)));
    }
}
