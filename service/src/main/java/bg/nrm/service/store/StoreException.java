package bg.nrm.service.store;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/** A database operation failed; the cause says why (never shown to clients). */
public class StoreException extends RuntimeException {
    // PostgreSQL's SQLSTATEs for a wait that ran out or lost to another transaction: lock_not_available (lock_timeout),
    // query_canceled (statement_timeout), serialization_failure, deadlock_detected.
    private static final Set<String> POSTGRES_BUSY = Set.of("55P03", "57014", "40001", "40P01");

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code failure} is the database being busy rather than broken: no connection free in the pool in time,
     * a lock or statement timeout, SQLite's busy or locked database, a serialisation failure or deadlock. Such a
     * failure passes when tried again later, so a client is told to wait (503), not that the service is broken.
     */
    public static boolean busy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true; // the pool's wait for a connection (SQLTransientConnectionException), timeouts
            }
            if (t instanceof SQLiteException s) {
                SQLiteErrorCode code = s.getResultCode();
                int primary = code == null ? -1 : code.code & 0xff;
                if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
                    return true;
                }
            } else if (t instanceof SQLException s && s.getSQLState() != null && POSTGRES_BUSY.contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
