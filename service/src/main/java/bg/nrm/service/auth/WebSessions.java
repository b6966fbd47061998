package bg.nrm.service.auth;

import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Browser sessions for the web pages.
 *
 * <p>The cookie is {@value #COOKIE} ({@code HttpOnly; SameSite=Strict; Path=/}, plus {@code Secure} when TLS is on);
 * its value is 256 random bits. Sessions live in the database, shared by every instance, and only the SHA-256 of
 * the cookie value is stored. A session ends after {@code nrm.auth.session-idle} without a request (default PT30M),
 * after {@code nrm.auth.session-lifetime} in any case (default PT12H), at sign-out ({@link #end}), and when its
 * account is disabled or its password changed ({@link #endAllFor}).
 *
 * <p>Authentication and CSRF: {@link AuthFilter} authenticates a request that carries the {@value #COOKIE} cookie
 * and no {@code Authorization} header by its session. On cookie-authenticated {@code /api/**} requests that change
 * state (anything but GET, HEAD, OPTIONS) the header {@value #CSRF_HEADER} must equal the session's
 * {@link Session#csrfToken()} (403 problem+json otherwise). Page routes (outside {@code /api}) check a
 * {@value #CSRF_FIELD} form field themselves against {@code session.csrfToken()}.
 */
public final class WebSessions {
    /** The session cookie's name. */
    public static final String COOKIE = "nrm_session";
    /** The header that carries the CSRF token on cookie-authenticated API calls. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final HeaderName CSRF_HEADER_NAME = HeaderNames.create(CSRF_HEADER);
    /** The form field that carries the CSRF token on page forms. */
    public static final String CSRF_FIELD = "_csrf";

    private final Database db;
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;
    private final boolean secureCookie;
    private final LiveStreams streams;

    public WebSessions(Database db, Clock clock, Duration idle, Duration lifetime, boolean secureCookie,
                       LiveStreams streams) {
        this.db = db;
        this.clock = clock;
        this.idle = idle;
        this.lifetime = lifetime;
        this.secureCookie = secureCookie;
        this.streams = streams;
    }

    /**
     * A signed-in browser session.
     *
     * @param id                     the cookie value: a secret, to be sent only in the {@value #COOKIE} cookie and never
     *                               logged; the database holds only its hash
     * @param csrfToken              to be sent back in {@value #CSRF_HEADER} (API) or {@value #CSRF_FIELD} (forms)
     * @param principal              the signed-in account, read fresh from the database at every {@link #find}
     * @param passwordChangeRequired signed in with a one-time password: the pages offer only the password change
     */
    public record Session(String id, String csrfToken, Principal principal, boolean passwordChangeRequired) {
        @Override
        public String toString() {
            return "Session[" + principal.username() + "]";
        }
    }

    /** Starts a session for {@code principal} (whose role, organisation and password state come from its account). */
    public Session create(Principal principal) {
        String cookie = RandomTokens.urlSafe();
        String handle = RandomTokens.urlSafe().substring(0, 22);
        String csrf = RandomTokens.urlSafe();
        long now = clock.millis();
        long expires = now + lifetime.toMillis();
        db.read(c -> Sql.update(c, "INSERT INTO web_sessions (id, cookie_hash, username, csrf_token, created_at, "
                        + "last_seen_at, expires_at, password_change_required) VALUES (?,?,?,?,?,?,?,?)",
                handle, RandomTokens.hash(cookie), principal.username(), csrf, now, now, expires,
                principal.passwordChangeRequired()));
        Principal p = new Principal(principal.username(), principal.role(), principal.organisationId(),
                Instant.ofEpochMilli(expires), "session:" + handle, principal.passwordChangeRequired());
        return new Session(cookie, csrf, p, principal.passwordChangeRequired());
    }

    /**
     * The live session for a cookie value, if any; moves its idle deadline forward. A session past its idle or
     * absolute deadline, or whose account is disabled, is ended and not returned.
     */
    public Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        long now = clock.millis();
        String hash = RandomTokens.hash(cookieValue);
        record Row(String handle, String csrf, long lastSeen, long expires, boolean changeRequired, String username,
                   Role role, String organisationId, boolean enabled) {
        }
        Optional<Row> row = db.query(c -> Sql.one(c, "SELECT s.id, s.csrf_token, s.last_seen_at, s.expires_at, "
                        + "s.password_change_required, u.username, u.role, u.organisation_id, u.enabled "
                        + "FROM web_sessions s JOIN users u ON u.username = s.username WHERE s.cookie_hash = ?",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5) == 1,
                        rs.getString(6), Role.valueOf(rs.getString(7)), rs.getString(8), rs.getInt(9) == 1), hash));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        if (!r.enabled() || now >= r.expires() || now - r.lastSeen() >= idle.toMillis()) {
            end(cookieValue);
            return Optional.empty();
        }
        db.read(c -> Sql.update(c, "UPDATE web_sessions SET last_seen_at = ? WHERE id = ?", now, r.handle()));
        Principal p = new Principal(r.username(), r.role(), r.organisationId(), Instant.ofEpochMilli(r.expires()),
                "session:" + r.handle(), r.changeRequired());
        return Optional.of(new Session(cookieValue, r.csrf(), p, r.changeRequired()));
    }

    /** Ends the session of this cookie value (sign-out); unknown values are ignored. */
    public void end(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return;
        }
        db.read(c -> Sql.update(c, "DELETE FROM web_sessions WHERE cookie_hash = ?", RandomTokens.hash(cookieValue)));
    }

    /** Ends every session of {@code username}, and its live-alert streams on this instance. */
    public void endAllFor(String username) {
        db.read(c -> Sql.update(c, "DELETE FROM web_sessions WHERE username = ?", username));
        streams.endAllFor(username);
    }

    /** The {@code Set-Cookie} value that hands {@code session} to the browser. */
    public String setCookie(Session session) {
        return COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that removes the session cookie from the browser. */
    public String clearCookie() {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "");
    }

    /** The session cookie's value in {@code req}, if it carries one. */
    public static Optional<String> cookieValue(ServerRequest req) {
        return req.headers().cookies().first(COOKIE).asOptional();
    }

    /** Whether {@code presented} equals the session's CSRF token (constant time). */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the session behind {@code credential} ({@code session:<id>}) still exists and has not expired. */
    boolean stillValid(String handle) {
        long now = clock.millis();
        return db.query(c -> Sql.one(c, "SELECT 1 FROM web_sessions s JOIN users u ON u.username = s.username "
                + "WHERE s.id = ? AND s.expires_at > ? AND u.enabled = 1", rs -> 1, handle, now)).isPresent();
    }

    /** Deletes sessions past their absolute deadline or idle for longer than the idle timeout. */
    public int purgeExpired() {
        long now = clock.millis();
        return db.read(c -> Sql.update(c, "DELETE FROM web_sessions WHERE expires_at <= ? OR last_seen_at <= ?",
                now, now - idle.toMillis()));
    }
}
