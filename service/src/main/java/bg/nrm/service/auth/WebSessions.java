package bg.nrm.service.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions for the web pages (cookie {@value #COOKIE}: HttpOnly, SameSite=Strict). The cookie holds only a
 * random id; the session, its CSRF token and the signed-in principal stay on the server and end after
 * {@code idleTimeout} without a request, or when signed out.
 */
public final class WebSessions {
    /** The session cookie's name. */
    public static final String COOKIE = "nrm_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;

    public WebSessions(Duration idleTimeout, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** A signed-in browser: the cookie value, the token forms must carry, who it is, and whether a new password is due. */
    public record Session(String id, String csrfToken, Principal principal, boolean passwordChangeRequired) {
    }

    private record Entry(Session session, long lastSeen) {
    }

    public Session create(Principal principal) {
        return create(principal, false);
    }

    /** Starts a session; {@code passwordChangeRequired} sends the user to the password page before anything else. */
    public Session create(Principal principal, boolean passwordChangeRequired) {
        Session s = new Session(random(), random(), principal, passwordChangeRequired);
        sessions.put(s.id(), new Entry(s, clock.millis()));
        return s;
    }

    /** The live session for a cookie value, refreshing its idle timer; empty when unknown or idle too long. */
    public Optional<Session> find(String cookieValue) {
        if (cookieValue == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        Entry e = sessions.get(cookieValue);
        if (e == null) {
            return Optional.empty();
        }
        if (now - e.lastSeen() > idleTimeout.toMillis()) {
            sessions.remove(cookieValue);
            return Optional.empty();
        }
        sessions.put(cookieValue, new Entry(e.session(), now));
        return Optional.of(e.session());
    }

    /** The live session for a cookie value without counting as activity (for streams that must not keep it alive). */
    public Optional<Session> peek(String cookieValue) {
        Entry e = cookieValue == null ? null : sessions.get(cookieValue);
        if (e == null || clock.millis() - e.lastSeen() > idleTimeout.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(e.session());
    }

    public void end(String cookieValue) {
        if (cookieValue != null) {
            sessions.remove(cookieValue);
        }
    }

    public void endAllFor(String username) {
        sessions.values().removeIf(e -> e.session().principal().username().equals(username));
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
