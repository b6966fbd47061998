package bg.nrm.service.directory;

import bg.nrm.keys.pgp.CertificateInfo;
import bg.nrm.keys.pgp.Certificates;
import bg.nrm.keys.pgp.InvalidKeyException;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Changes of an organisation's public key need the organisation. An administrator uploads a key
 * ({@code PUT /api/v1/organisations/{id}/keys}); it becomes active only when
 * <ul>
 *     <li>it is certified by the organisation's current key (the organisation vouches for its next key), or</li>
 *     <li>a user of that organisation confirms its fingerprint ({@code POST /api/v1/organisations/{id}/keys/confirm
 *     {"fingerprint": "…"}}), read from their own copy of the key.</li>
 * </ul>
 * Until then referrals stay encrypted to the current key, so an administrator who uploads a key of their own cannot
 * read the next referrals. Every step is announced on the organisation's alert stream and audited with both
 * fingerprints; keys that expire within 30 days are announced once ({@link #warnExpiring()}).
 */
public final class KeyChanges implements HttpService {
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private static final int MAX_KEY_BYTES = 64 * 1024;

    private final Database db;
    private final OrganisationStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final Announcer announcer;

    /** Tells an organisation's live-alert subscribers about a key event. */
    @FunctionalInterface
    public interface Announcer {
        void announce(String organisationId, String event, String id, Object data);
    }

    /** What is announced: the organisation, the key and the one it replaces, the new state. */
    public record KeyEvent(String organisation, String fingerprint, String previous, String status, Instant expiresAt) {
    }

    /** The answer to an upload or a confirmation. */
    public record KeyChange(String organisation, String fingerprint, String previous, String status, String detail) {
    }

    /** The confirmation body: the fingerprint as the organisation reads it from its own key. */
    public record Confirmation(String fingerprint) {
    }

    public KeyChanges(Database db, OrganisationStore store, AuditLog audit, Clock clock, Announcer announcer) {
        this.db = db;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.announcer = announcer;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/{id}/keys", this::handlePropose)
                .post("/{id}/keys/confirm", this::handleConfirm);
    }

    private void handlePropose(ServerRequest req, ServerResponse res) {
        Principal admin = Access.require(req, Role.ADMIN);
        String id = req.path().pathParameters().get("id");
        store.find(id).orElseThrow(() -> ProblemException.notFound("organisation"));
        String armored = new String(Bodies.readAtMost(req, MAX_KEY_BYTES), StandardCharsets.UTF_8);
        KeyChange change = propose(admin, id, armored);
        Bodies.json(res, "PENDING".equals(change.status()) ? Status.ACCEPTED_202 : Status.OK_200, change);
    }

    /**
     * Proposes {@code armored} as the organisation's new key (the administrator's pages and {@code PUT /{id}/keys}):
     * active at once only when the organisation's current key certifies it, otherwise PENDING until a user of the
     * organisation confirms its fingerprint. 400 (field {@code body}) for an unusable key, 409 for another's key.
     */
    public KeyChange propose(Principal admin, String id, String armored) {
        store.find(id).orElseThrow(() -> ProblemException.notFound("organisation"));
        CertificateInfo info;
        try {
            info = Certificates.requireUsableForEncryption(armored, clock.instant());
        } catch (InvalidKeyException e) {
            throw ProblemException.badRequest("body", e.getMessage());
        }
        String fp = info.fingerprint();
        Long expires = info.expires() == null ? null : info.expires().toEpochMilli();
        KeyChange change = db.inTransaction(c -> {
            Optional<OrganisationStore.StoredKey> existing = OrganisationStore.byFingerprint(c, fp);
            if (existing.isPresent() && !existing.get().organisationId().equals(id)) {
                throw ProblemException.conflict("this key is registered to another organisation");
            }
            String previous = OrganisationStore.activeKey(c, id).map(OrganisationStore.StoredKey::fingerprint).orElse(null);
            if (fp.equals(previous)) {
                return new KeyChange(id, fp, previous, "ACTIVE", "this key is already active");
            }
            boolean vouched = previous != null && Certificates.certifiedBy(armored,
                    OrganisationStore.activeKey(c, id).orElseThrow().certificate(), clock.instant());
            if (vouched) {
                OrganisationStore.activateKey(c, id, fp, armored, expires, clock.millis());
                audit.append(c, admin.username(), "KEY_ACTIVATED", id, both(fp, previous) + " certified by the current key");
                return new KeyChange(id, fp, previous, "ACTIVE", "certified by the organisation's current key");
            }
            OrganisationStore.proposeKey(c, id, fp, armored, expires, clock.millis(), admin.username());
            audit.append(c, admin.username(), "KEY_PROPOSED", id, both(fp, previous));
            return new KeyChange(id, fp, previous, "PENDING",
                    "a user of the organisation must confirm the fingerprint; until then the current key stays in use");
        });
        OrganisationStore.changed(); // after the commit: no cached view from inside the transaction survives
        announcer.announce(id, "key-change", fp, new KeyEvent(id, fp, change.previous(), change.status(), info.expires()));
        return change;
    }

    private void handleConfirm(ServerRequest req, ServerResponse res) {
        Principal user = Access.require(req, Role.values());
        String id = req.path().pathParameters().get("id");
        if (!user.actsFor(id)) {
            // Administrators included: the point is that the organisation itself agrees.
            throw ProblemException.forbidden("only a user of the organisation may confirm its key");
        }
        Confirmation body = Bodies.readJson(req, 1024, Confirmation.class);
        String fp = body.fingerprint() == null ? "" : body.fingerprint().replace(" ", "").toUpperCase(Locale.ROOT);
        if (!fp.matches("[0-9A-F]{40}|[0-9A-F]{64}")) {
            throw ProblemException.badRequest("fingerprint", "must be the key's full fingerprint (40 hexadecimal digits)");
        }
        KeyChange change = db.inTransaction(c -> {
            OrganisationStore.StoredKey pending = OrganisationStore.byFingerprint(c, fp)
                    .filter(k -> k.organisationId().equals(id) && "PENDING".equals(k.status()))
                    .orElseThrow(() -> ProblemException.notFound("key waiting for confirmation"));
            if (pending.expiresAt() != null && pending.expiresAt() <= clock.millis()) {
                throw ProblemException.conflict("this key has expired; ask for a new one to be uploaded");
            }
            String previous = OrganisationStore.activeKey(c, id).map(OrganisationStore.StoredKey::fingerprint).orElse(null);
            OrganisationStore.activateKey(c, id, fp, pending.certificate(), pending.expiresAt(), clock.millis());
            audit.append(c, user.username(), "KEY_ACTIVATED", id, both(fp, previous) + " confirmed by the organisation");
            return new KeyChange(id, fp, previous, "ACTIVE", "confirmed; new referrals are encrypted to this key");
        });
        OrganisationStore.changed();
        announcer.announce(id, "key-change", fp, new KeyEvent(id, fp, change.previous(), "ACTIVE", null));
        Bodies.json(res, change);
    }

    /**
     * Announces, once per key, every active key that expires within 30 days, and audits the warning. Run by a
     * background job; returns how many warnings were given.
     */
    public int warnExpiring() {
        long now = clock.millis();
        long horizon = now + EXPIRY_WARNING.toMillis();
        record Expiring(String organisation, String fingerprint, long expiresAt) { }
        var due = db.inTransaction(c -> {
            var rows = Sql.list(c, "SELECT organisation_id, fingerprint, expires_at FROM organisation_keys "
                            + "WHERE status = 'ACTIVE' AND expires_at IS NOT NULL AND expires_at <= ? AND expiry_warned_at IS NULL",
                    rs -> new Expiring(rs.getString(1), rs.getString(2), rs.getLong(3)), horizon);
            for (Expiring e : rows) {
                Sql.update(c, "UPDATE organisation_keys SET expiry_warned_at = ? WHERE fingerprint = ?",
                        now, e.fingerprint());
                audit.append(c, "service", "KEY_EXPIRY_WARNING", e.organisation(), "key=" + e.fingerprint()
                        + " expires=" + Instant.ofEpochMilli(e.expiresAt()));
            }
            return rows;
        });
        for (Expiring e : due) {
            announcer.announce(e.organisation(), "key-expiry", e.fingerprint(),
                    new KeyEvent(e.organisation(), e.fingerprint(), null, "EXPIRING", Instant.ofEpochMilli(e.expiresAt())));
        }
        return due.size();
    }

    private static String both(String next, String previous) {
        return "new=" + next + " previous=" + (previous == null ? "none" : previous);
    }
}
