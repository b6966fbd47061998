package bg.nrm.service.auth;

import bg.nrm.keys.password.PasswordHasher;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.Problem;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;
import bg.nrm.service.store.StoreException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/v1/users}, for administrators: list, create, change (enable, disable, role, contact details), reset a
 * password, delete an account nothing refers to. An administrator never learns a password that stays in use:
 * creating an account or resetting its password answers with a one-time password, shown once, that signs in only to
 * choose a new one. Disabling an account, changing its role and resetting its password end its tokens, sessions and
 * alert streams at once.
 */
public final class UserService implements HttpService {
    private static final int MAX_BODY = 8192;

    private final Database db;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final Credentials credentials;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration oneTimePasswordTtl;

    public UserService(Database db, PasswordHasher hasher, Credentials credentials, AuditLog audit, Clock clock,
                       Duration oneTimePasswordTtl) {
        this.db = db;
        this.users = new UserStore(db);
        this.hasher = hasher;
        this.credentials = credentials;
        this.audit = audit;
        this.clock = clock;
        this.oneTimePasswordTtl = oneTimePasswordTtl;
    }

    /** {@code POST /api/v1/users}. {@code externalSubject} maps an OpenID Connect subject to the account. */
    public record NewUser(String username, String organisationId, String role, String displayName, String phone,
                          String externalSubject) {
    }

    /** {@code PUT /api/v1/users/{username}}: absent fields stay as they are. */
    public record UserUpdate(Boolean enabled, String role, String displayName, String phone, String externalSubject) {
    }

    /** An account as administrators see it (never its password hash). */
    public record UserView(String username, String organisationId, String role, String displayName, String phone,
                           boolean enabled, boolean passwordChangeRequired, String externalSubject, Instant createdAt) {
        static UserView of(UserStore.User u) {
            return new UserView(u.username(), u.organisationId(), u.role().name(), u.displayName(), u.phone(),
                    u.enabled(), u.passwordChangeRequired(), u.externalSubject(), Instant.ofEpochMilli(u.createdAt()));
        }
    }

    /** The answer to a creation or a reset: the one-time password, shown this once. */
    public record WithTemporaryPassword(UserView user, String temporaryPassword, Instant temporaryPasswordExpiresAt) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handleList)
                .post("/", this::handleCreate)
                .get("/{username}", this::handleOne)
                .put("/{username}", this::handleUpdate)
                .delete("/{username}", this::handleDelete)
                .post("/{username}/password", this::handleReset);
    }

    private void handleList(ServerRequest req, ServerResponse res) {
        Access.require(req, Role.ADMIN);
        Bodies.json(res, list());
    }

    /** Every account, as administrators see it (the API's list and the administrator's page). */
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    private void handleOne(ServerRequest req, ServerResponse res) {
        Access.require(req, Role.ADMIN);
        Bodies.json(res, UserView.of(existing(req)));
    }

    private void handleCreate(ServerRequest req, ServerResponse res) {
        Principal admin = Access.require(req, Role.ADMIN);
        NewUser body = Bodies.readJson(req, MAX_BODY, NewUser.class);
        WithTemporaryPassword created = create(admin, body);
        res.header(HeaderNames.LOCATION, "/api/v1/users/" + created.user().username());
        Bodies.json(res, Status.CREATED_201, created);
    }

    /**
     * Creates an account with a one-time password (returned this once), checked and audited; 400 with the wrong
     * fields, 409 when the username (or external subject) is taken.
     */
    public WithTemporaryPassword create(Principal admin, NewUser body) {
        List<Problem.FieldProblem> errors = new ArrayList<>();
        AccountFields.username(body.username(), errors);
        Role role = AccountFields.role(body.role(), "role", true, errors);
        String displayName = AccountFields.displayName(body.displayName(), true, errors);
        String phone = AccountFields.phone(body.phone(), errors);
        String subject = AccountFields.externalSubject(body.externalSubject(), errors);
        if (role != null) {
            AccountFields.organisation(db, role, body.organisationId(), errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        String temporary = RandomTokens.readablePassword();
        String hash = hasher.hash(temporary.toCharArray());
        long now = clock.millis();
        long expires = now + oneTimePasswordTtl.toMillis();
        UserStore.User user = new UserStore.User(body.username(), hash, role, blankToNull(body.organisationId()),
                displayName, phone, true, true, expires, subject, now);
        boolean created = unique(() -> db.inTransaction(c -> {
            if (subject != null && subjectTaken(c, subject, null)) {
                return false;
            }
            if (!UserStore.insertIfAbsent(c, user, now)) {
                return false;
            }
            audit.append(c, admin.username(), "USER_CREATED", user.username(), role.name());
            return true;
        }));
        if (!created) {
            throw ProblemException.conflict("an account with this username (or external subject) already exists");
        }
        return new WithTemporaryPassword(UserView.of(user), temporary, Instant.ofEpochMilli(expires));
    }

    private void handleUpdate(ServerRequest req, ServerResponse res) {
        Principal admin = Access.require(req, Role.ADMIN);
        UserStore.User user = existing(req);
        UserUpdate body = Bodies.readJson(req, MAX_BODY, UserUpdate.class);
        Bodies.json(res, update(admin, user.username(), body));
    }

    /**
     * Changes the fields {@code body} names (enable, disable, role, contacts); disabling or a new role ends the
     * account's tokens, sessions and streams at once. 404 for an unknown account, 409 for the last administrator.
     */
    public UserView update(Principal admin, String username, UserUpdate body) {
        UserStore.User user = users.find(username).orElseThrow(() -> ProblemException.notFound("account"));
        List<Problem.FieldProblem> errors = new ArrayList<>();
        Role role = AccountFields.role(body.role(), "role", false, errors);
        String displayName = AccountFields.displayName(body.displayName(), false, errors);
        String phone = body.phone() == null ? null : AccountFields.phone(body.phone(), errors);
        String subject = AccountFields.externalSubject(body.externalSubject(), errors);
        if (role != null && role != user.role()) {
            AccountFields.organisation(db, role, user.organisationId(), errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        boolean enabled = body.enabled() == null ? user.enabled() : body.enabled();
        Role newRole = role == null ? user.role() : role;
        boolean endCredentials = (!enabled && user.enabled()) || newRole != user.role();
        List<String> changed = new ArrayList<>();
        boolean updated = unique(() -> db.inTransaction(c -> {
            if (subject != null && subjectTaken(c, subject, user.username())) {
                return false;
            }
            if (user.role() == Role.ADMIN && user.enabled() && (!enabled || newRole != Role.ADMIN)
                    && !otherAdministrator(c, user.username())) {
                throw ProblemException.conflict("this is the last enabled administrator");
            }
            set(c, "enabled", body.enabled(), user.username(), changed);
            set(c, "role", role == null ? null : role.name(), user.username(), changed);
            if (role != null && role != user.role()) {
                // Who may do what is the auditor's first question: the change is recorded with both roles.
                changed.set(changed.size() - 1, "role " + user.role().name() + "->" + role.name());
            }
            set(c, "display_name", displayName, user.username(), changed);
            set(c, "phone", body.phone() == null ? null : (phone == null ? "" : phone), user.username(), changed);
            set(c, "external_subject", subject, user.username(), changed);
            Sql.update(c, "UPDATE users SET phone = NULL WHERE username = ? AND phone = ''", user.username());
            Sql.update(c, "UPDATE users SET updated_at = ? WHERE username = ?", clock.millis(), user.username());
            audit.append(c, admin.username(), enabled == user.enabled() ? "USER_UPDATED"
                    : enabled ? "USER_ENABLED" : "USER_DISABLED", user.username(), String.join(",", changed));
            return true;
        }));
        if (!updated) {
            throw ProblemException.conflict("another account already has this external subject");
        }
        if (endCredentials) {
            credentials.endAllFor(user.username());
        }
        return UserView.of(users.find(user.username()).orElseThrow());
    }

    private void handleReset(ServerRequest req, ServerResponse res) {
        Principal admin = Access.require(req, Role.ADMIN);
        UserStore.User user = existing(req);
        Bodies.json(res, resetPassword(admin, user.username()));
    }

    /** A new one-time password for the account (returned this once); its tokens, sessions and streams end. */
    public WithTemporaryPassword resetPassword(Principal admin, String username) {
        UserStore.User user = users.find(username).orElseThrow(() -> ProblemException.notFound("account"));
        String temporary = RandomTokens.readablePassword();
        String hash = hasher.hash(temporary.toCharArray());
        long now = clock.millis();
        long expires = now + oneTimePasswordTtl.toMillis();
        db.inTransaction(c -> {
            UserStore.setPassword(c, user.username(), hash, true, expires, now);
            audit.append(c, admin.username(), "PASSWORD_RESET", user.username(), null);
            return null;
        });
        credentials.endAllFor(user.username());
        UserStore.User after = users.find(user.username()).orElseThrow();
        return new WithTemporaryPassword(UserView.of(after), temporary, Instant.ofEpochMilli(expires));
    }

    private void handleDelete(ServerRequest req, ServerResponse res) {
        Principal admin = Access.require(req, Role.ADMIN);
        delete(admin, existing(req).username());
        res.status(Status.NO_CONTENT_204).send();
    }

    /**
     * Deletes an account nothing refers to (no screening, referral step or audit entry names it as the one who
     * acted), with its tokens, sessions and alert streams; audited. 404 for an unknown account; 409 for one's own
     * account and for an account with records, which is disabled instead.
     */
    public void delete(Principal admin, String username) {
        UserStore.User user = users.find(username).orElseThrow(() -> ProblemException.notFound("account"));
        if (user.username().equals(admin.username())) {
            throw ProblemException.conflict("you cannot delete your own account");
        }
        db.inTransaction(c -> {
            if (referredTo(c, user.username())) {
                throw ProblemException.conflict("records refer to this account (screenings, referral steps or the "
                        + "audit log); disable it instead");
            }
            Sql.update(c, "DELETE FROM auth_tokens WHERE username = ?", user.username());
            Sql.update(c, "DELETE FROM web_sessions WHERE username = ?", user.username());
            Sql.update(c, "DELETE FROM users WHERE username = ?", user.username());
            audit.append(c, admin.username(), "USER_DELETED", user.username(), null);
            return null;
        });
        credentials.streams().endAllFor(user.username());
    }

    private UserStore.User existing(ServerRequest req) {
        String username = req.path().pathParameters().get("username");
        return users.find(username).orElseThrow(() -> ProblemException.notFound("account"));
    }

    private static boolean referredTo(Connection c, String username) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM screenings WHERE created_by = ?", rs -> 1, username).isPresent()
                || Sql.one(c, "SELECT 1 FROM referral_events WHERE actor = ?", rs -> 1, username).isPresent()
                || Sql.one(c, "SELECT 1 FROM audit_log WHERE actor = ?", rs -> 1, username).isPresent();
    }

    private static boolean otherAdministrator(Connection c, String username) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM users WHERE role = ? AND enabled = 1 AND username <> ?", rs -> 1,
                Role.ADMIN.name(), username).isPresent();
    }

    private static boolean subjectTaken(Connection c, String subject, String except) throws SQLException {
        return Sql.one(c, "SELECT username FROM users WHERE external_subject = ?", rs -> rs.getString(1), subject)
                .filter(u -> !u.equals(except)).isPresent();
    }

    // Column names are constants of this class, never input.
    private static void set(Connection c, String column, Object value, String username, List<String> changed)
            throws SQLException {
        if (value != null) {
            Sql.update(c, "UPDATE users SET " + column + " = ? WHERE username = ?", value, username);
            changed.add(column);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Runs {@code work}; a unique-key race with a concurrent request (same username) counts as "already exists". */
    private static boolean unique(java.util.function.BooleanSupplier work) {
        try {
            return work.getAsBoolean();
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException s && (("23505".equals(s.getSQLState()))
                    || (s.getMessage() != null && s.getMessage().contains("UNIQUE")))) {
                return false;
            }
            throw e;
        }
    }
}
