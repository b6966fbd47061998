package bg.nrm.service.auth;

import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Local accounts of the embedded default: username, Argon2id hash, role and organisation. */
public final class UserStore {
    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    /** A stored account. */
    public record User(String username, String passwordHash, Role role, String organisationId) {
    }

    public Optional<User> find(String username) {
        return db.read(c -> Sql.one(c,
                "SELECT username, password_hash, role, organisation_id FROM users WHERE username = ?",
                rs -> new User(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4)),
                username));
    }

    /** Inserts the account unless one of that name exists; returns whether it was inserted. */
    public static boolean insertIfAbsent(Connection c, User user, long now) throws SQLException {
        if (Sql.one(c, "SELECT 1 FROM users WHERE username = ?", rs -> 1, user.username()).isPresent()) {
            return false;
        }
        Sql.update(c, "INSERT INTO users (username, password_hash, role, organisation_id, created_at) VALUES (?,?,?,?,?)",
                user.username(), user.passwordHash(), user.role().name(), user.organisationId(), now);
        return true;
    }
}
