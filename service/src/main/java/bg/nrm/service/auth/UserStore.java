package bg.nrm.service.auth;

import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Local accounts: username, Argon2id hash, role, organisation, contact details and sign-in state. */
public final class UserStore {
    private static final String COLUMNS = "username, password_hash, role, organisation_id, display_name, phone, enabled, "
            + "password_change_required, password_expires_at, external_subject, created_at";

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    /**
     * A stored account.
     *
     * @param passwordExpiresAt when a one-time password stops working (epoch ms), or null
     * @param externalSubject   the OpenID Connect subject mapped to this account, or null
     */
    public record User(String username, String passwordHash, Role role, String organisationId, String displayName,
                       String phone, boolean enabled, boolean passwordChangeRequired, Long passwordExpiresAt,
                       String externalSubject, long createdAt) {

        /** An enabled account with a password of its own (the demo seed, tests). */
        public User(String username, String passwordHash, Role role, String organisationId) {
            this(username, passwordHash, role, organisationId, null, null, true, false, null, null, 0);
        }
    }

    /** The account, read on a read-only connection beside the writer (every request asks, so it must not queue behind a commit). */
    public Optional<User> find(String username) {
        return db.query(c -> find(c, username));
    }

    public static Optional<User> find(Connection c, String username) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM users WHERE username = ?", UserStore::map, username);
    }

    public Optional<User> findByExternalSubject(String subject) {
        return db.query(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM users WHERE external_subject = ?", UserStore::map,
                subject));
    }

    /** Every account, by username. */
    public List<User> list() {
        return db.query(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM users ORDER BY username", UserStore::map));
    }

    /** Whether any enabled administrator exists (the bootstrap is refused then). */
    public static boolean anyAdministrator(Connection c) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM users WHERE role = ? AND enabled = 1", rs -> 1, Role.ADMIN.name()).isPresent();
    }

    /** Inserts the account unless one of that name exists; returns whether it was inserted. */
    public static boolean insertIfAbsent(Connection c, User user, long now) throws SQLException {
        if (Sql.one(c, "SELECT 1 FROM users WHERE username = ?", rs -> 1, user.username()).isPresent()) {
            return false;
        }
        Sql.update(c, "INSERT INTO users (username, password_hash, role, organisation_id, display_name, phone, enabled, "
                        + "password_change_required, password_expires_at, external_subject, created_at, updated_at) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                user.username(), user.passwordHash(), user.role().name(), user.organisationId(), user.displayName(),
                user.phone(), user.enabled(), user.passwordChangeRequired(), user.passwordExpiresAt(),
                user.externalSubject(), now, now);
        return true;
    }

    /** Sets a new password hash; {@code oneTime} marks it as an administrator-issued one-time password. */
    public static void setPassword(Connection c, String username, String hash, boolean oneTime, Long expiresAt,
                                   long now) throws SQLException {
        Sql.update(c, "UPDATE users SET password_hash = ?, password_change_required = ?, password_expires_at = ?, "
                + "updated_at = ? WHERE username = ?", hash, oneTime, expiresAt, now, username);
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7) == 1, rs.getInt(8) == 1, Sql.nullableLong(rs,
                "password_expires_at"), rs.getString(10), rs.getLong(11));
    }
}
