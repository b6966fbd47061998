package bg.nrm.service.auth;

import java.util.Optional;

/**
 * Everything that proves who a caller is, in one place: the service's own bearer tokens, an OpenID provider's tokens
 * (when configured) and browser sessions. Ending a user's credentials ends all three kinds, and their alert streams.
 */
public final class Credentials {
    private final AccessTokens tokens;
    private final WebSessions sessions;
    private final LiveStreams streams;
    private volatile ExternalTokens external;

    public Credentials(AccessTokens tokens, WebSessions sessions, LiveStreams streams) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.streams = streams;
        streams.validity(this::stillValid);
    }

    /** Verifies bearer tokens of an external (OpenID Connect) issuer. */
    public interface ExternalTokens {
        /** The local account the token maps to, or empty when the token is not valid for this service. */
        Optional<Principal> authenticate(String token);

        /** Whether the account behind an external credential is still enabled. */
        boolean stillValid(Principal principal);
    }

    /** Accepts tokens of an external issuer beside the service's own. */
    public void external(ExternalTokens verifier) {
        this.external = verifier;
    }

    public AccessTokens tokens() {
        return tokens;
    }

    public WebSessions sessions() {
        return sessions;
    }

    public LiveStreams streams() {
        return streams;
    }

    /** The caller of a bearer token: ours first, then the external issuer's. */
    public Optional<Principal> bearer(String token) {
        Optional<Principal> own = tokens.authenticate(token);
        ExternalTokens ext = external;
        return own.isPresent() || ext == null ? own : ext.authenticate(token);
    }

    /** Ends every token, session and live-alert stream of {@code username}. */
    public void endAllFor(String username) {
        tokens.endAllFor(username);
        sessions.endAllFor(username);
        streams.endAllFor(username);
    }

    /** Whether the token or session behind {@code principal} is still in force. */
    public boolean stillValid(Principal p) {
        String c = p.credential();
        if (c == null) {
            return true;
        }
        if (c.startsWith("token:")) {
            return tokens.stillValid(c.substring("token:".length()));
        }
        if (c.startsWith("session:")) {
            return sessions.stillValid(c.substring("session:".length()));
        }
        if (c.startsWith("oidc:")) {
            ExternalTokens ext = external;
            return ext != null && !tokens.revoked(c.substring("oidc:".length())) && ext.stillValid(p);
        }
        return false;
    }

    /** Housekeeping: forgets expired token ids and sessions. */
    public void purgeExpired() {
        tokens.purgeExpired();
        sessions.purgeExpired();
    }
}
