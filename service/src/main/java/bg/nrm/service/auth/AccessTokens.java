package bg.nrm.service.auth;

import bg.nrm.keys.token.InvalidTokenException;
import bg.nrm.keys.token.TokenClaims;
import bg.nrm.keys.token.TokenService;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The service's own bearer tokens, with revocation. Every issued token's id is recorded until the token expires; on
 * every request the id must be there and not revoked, and the account must be enabled. Role and organisation are
 * read from the account, so a change takes effect at once. All of it lives in the database, so sign-out on one
 * instance is seen by every other.
 */
public final class AccessTokens {
    private final TokenService tokens;
    private final Database db;
    private final Clock clock;
    private final Duration ttl;
    private final LiveStreams streams;

    public AccessTokens(TokenService tokens, Database db, Clock clock, Duration ttl, LiveStreams streams) {
        this.tokens = tokens;
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
        this.streams = streams;
    }

    /** An issued token and how long it lasts. */
    public record Issued(String token, Duration lifetime) {
        @Override
        public String toString() {
            return "Issued[" + lifetime + "]";
        }
    }

    /** Issues a token for {@code user} and records its id. */
    public Issued issue(UserStore.User user) {
        String token = tokens.issue(TokenClaims.of(user.username(), user.organisationId(), user.role().name()), ttl);
        TokenClaims claims = tokens.verify(token);
        db.read(c -> Sql.update(c, "INSERT INTO auth_tokens (token_id, username, expires_at, revoked) VALUES (?,?,?,0)",
                claims.tokenId(), user.username(), claims.expiresAt().toEpochMilli()));
        return new Issued(token, ttl);
    }

    /** The caller of a bearer token of ours, or empty when it is invalid, expired, revoked or its account disabled. */
    public Optional<Principal> authenticate(String token) {
        TokenClaims claims;
        try {
            claims = tokens.verify(token);
        } catch (InvalidTokenException e) {
            return Optional.empty();
        }
        record Row(boolean revoked, boolean enabled, Role role, String organisationId, boolean changeRequired) {
        }
        Optional<Row> row = db.query(c -> Sql.one(c, "SELECT t.revoked, u.enabled, u.role, u.organisation_id, "
                        + "u.password_change_required FROM auth_tokens t JOIN users u ON u.username = t.username "
                        + "WHERE t.token_id = ? AND t.username = ?",
                rs -> new Row(rs.getInt(1) == 1, rs.getInt(2) == 1, Role.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getInt(5) == 1), claims.tokenId(), claims.subject()));
        if (row.isEmpty() || row.get().revoked() || !row.get().enabled()) {
            return Optional.empty();
        }
        Row r = row.get();
        return Optional.of(new Principal(claims.subject(), r.role(), r.organisationId(), claims.expiresAt(),
                "token:" + claims.tokenId(), r.changeRequired()));
    }

    /**
     * Revokes one token id until {@code expiresAt}: ours are marked, an external provider's are recorded so that
     * the same token is refused from now on.
     */
    public void revoke(String tokenId, String username, Instant expiresAt) {
        db.inTransaction(c -> {
            if (Sql.update(c, "UPDATE auth_tokens SET revoked = 1 WHERE token_id = ?", tokenId) == 0) {
                Sql.update(c, "INSERT INTO auth_tokens (token_id, username, expires_at, revoked) VALUES (?,?,?,1)",
                        tokenId, username, expiresAt.toEpochMilli());
            }
            return null;
        });
    }

    /** Whether an external token id has been signed out. */
    public boolean revoked(String tokenId) {
        return db.query(c -> Sql.one(c, "SELECT 1 FROM auth_tokens WHERE token_id = ? AND revoked = 1", rs -> 1,
                tokenId)).isPresent();
    }

    /** Revokes every unexpired token of {@code username} and ends its live-alert streams on this instance. */
    public void endAllFor(String username) {
        long now = clock.millis();
        db.read(c -> Sql.update(c, "UPDATE auth_tokens SET revoked = 1 WHERE username = ? AND expires_at > ?",
                username, now));
        streams.endAllFor(username);
    }

    /** Whether the token behind a {@code token:<id>} credential is still good. */
    boolean stillValid(String tokenId) {
        long now = clock.millis();
        return db.query(c -> Sql.one(c, "SELECT 1 FROM auth_tokens t JOIN users u ON u.username = t.username "
                + "WHERE t.token_id = ? AND t.revoked = 0 AND t.expires_at > ? AND u.enabled = 1", rs -> 1,
                tokenId, now)).isPresent();
    }

    /** Forgets token ids past their expiry: an expired token is refused by its signature check anyway. */
    public int purgeExpired() {
        long now = clock.millis();
        return db.read(c -> Sql.update(c, "DELETE FROM auth_tokens WHERE expires_at <= ?", now));
    }
}
