package bg.nrm.service.referral;

import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What a recipient does with referrals: the inbox, the envelope, acknowledgement and the decision; and the one
 * thing the referring organisation may do, revoke it. Only the addressed organisation sees a referral, only the
 * referring one may revoke it; to anyone else it does not exist (404).
 */
public final class ReferralService implements HttpService {
    private static final int MAX_REASON = 500;

    private final Database db;
    private final ReferralStore store;
    private final Escalation escalation;
    private final AuditLog audit;
    private final Clock clock;

    public ReferralService(Database db, ReferralStore store, Escalation escalation, AuditLog audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.escalation = escalation;
        this.audit = audit;
        this.clock = clock;
    }

    /** One line of the inbox: never case content. */
    public record InboxItem(String id, String level, ReferralState state, boolean anonymised, Instant createdAt,
                            Instant dueBy) {
    }

    /** The body of a decision. */
    public record Decision(String decision, String reason) {
    }

    /** Routes under {@code /api/v1/inbox}. */
    public HttpService inbox() {
        return rules -> rules.get("/", this::handleInbox);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/envelope", this::handleEnvelope)
                .post("/{id}/ack", this::handleAck)
                .post("/{id}/decision", this::handleDecision)
                .post("/{id}/revoke", this::handleRevoke);
    }

    /** The body of a revocation: why the referring organisation withdraws the referral. */
    public record Revocation(String reason) {
    }

    private void handleRevoke(ServerRequest req, ServerResponse res) {
        Principal p = Access.require(req, Role.SCREENER);
        Referral r = store.find(req.path().pathParameters().get("id")).filter(x -> p.actsFor(x.fromOrganisation()))
                .orElseThrow(() -> ProblemException.notFound("referral"));
        Revocation body = Bodies.readJson(req, 4096, Revocation.class);
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > MAX_REASON) {
            throw ProblemException.badRequest("reason", "required, at most " + MAX_REASON + " characters");
        }
        long now = clock.millis();
        boolean changed = db.inTransaction(c -> {
            int n = Sql.update(c, "UPDATE referrals SET state = 'REVOKED', updated_at = ? WHERE id = ? "
                    + "AND state IN ('PENDING','DELIVERED','ACKNOWLEDGED','FAILED')", now, r.id());
            if (n == 1) {
                ReferralStore.event(c, r.id(), now, ReferralState.REVOKED, p.username(), body.reason());
                audit.append(c, p.username(), "REFERRAL_REVOKED", r.id(), null);
            }
            return n == 1;
        });
        if (!changed) {
            throw ProblemException.conflict("the referral is " + r.state() + " and can no longer be revoked");
        }
        Bodies.json(res, store.find(r.id()).map(this::item).orElseThrow());
    }

    private void handleInbox(ServerRequest req, ServerResponse res) {
        Principal p = Access.require(req, Role.RECIPIENT);
        List<InboxItem> items = store.forRecipient(p.organisationId(), 500).stream()
                .map(r -> new InboxItem(r.id(), r.level(), r.state(), r.anonymised(), Instant.ofEpochMilli(r.createdAt()),
                        Instant.ofEpochMilli(r.dueBy())))
                .toList();
        Bodies.json(res, items);
    }

    private void handleEnvelope(ServerRequest req, ServerResponse res) {
        Principal p = Access.require(req, Role.RECIPIENT);
        Referral r = addressedTo(p, req.path().pathParameters().get("id"));
        String envelope = store.envelope(r.id()).filter(e -> !e.isEmpty())
                .orElseThrow(() -> ProblemException.notFound("envelope"));
        long now = clock.millis();
        // Pulling the envelope is delivery for recipients without a webhook.
        db.inTransaction(c -> {
            if (Sql.update(c, "UPDATE referrals SET state = 'DELIVERED', delivered_at = ?, updated_at = ? "
                    + "WHERE id = ? AND state = 'PENDING'", now, now, r.id()) == 1) {
                ReferralStore.event(c, r.id(), now, ReferralState.DELIVERED, p.username(), "envelope fetched");
            }
            audit.append(c, p.username(), "ENVELOPE_FETCHED", r.id(), null);
            return null;
        });
        res.header(HeaderNames.CONTENT_TYPE, "application/pgp-encrypted");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(envelope);
    }

    private void handleAck(ServerRequest req, ServerResponse res) {
        Principal p = Access.require(req, Role.RECIPIENT);
        Referral r = addressedTo(p, req.path().pathParameters().get("id"));
        long now = clock.millis();
        boolean changed = db.inTransaction(c -> {
            int n = Sql.update(c, "UPDATE referrals SET state = 'ACKNOWLEDGED', acknowledged_at = ?, updated_at = ?, "
                    + "delivered_at = COALESCE(delivered_at, ?) WHERE id = ? AND state IN ('PENDING','DELIVERED')",
                    now, now, now, r.id());
            if (n == 1) {
                ReferralStore.event(c, r.id(), now, ReferralState.ACKNOWLEDGED, p.username(), null);
                audit.append(c, p.username(), "REFERRAL_ACKNOWLEDGED", r.id(), null);
            }
            return n == 1;
        });
        if (!changed && r.state() != ReferralState.ACKNOWLEDGED) {
            throw ProblemException.conflict("the referral is " + r.state() + " and can no longer be acknowledged");
        }
        Bodies.json(res, store.find(r.id()).map(this::item).orElseThrow());
    }

    private void handleDecision(ServerRequest req, ServerResponse res) {
        Principal p = Access.require(req, Role.RECIPIENT);
        Referral r = addressedTo(p, req.path().pathParameters().get("id"));
        Decision d = Bodies.readJson(req, 4096, Decision.class);
        if (d.decision() == null || !(d.decision().equals("ACCEPTED") || d.decision().equals("DECLINED"))) {
            throw ProblemException.badRequest("decision", "must be ACCEPTED or DECLINED");
        }
        if (d.reason() != null && d.reason().length() > MAX_REASON) {
            throw ProblemException.badRequest("reason", "must not exceed " + MAX_REASON + " characters");
        }
        if ("DECLINED".equals(d.decision()) && (d.reason() == null || d.reason().isBlank())) {
            throw ProblemException.badRequest("reason", "a reason is required when declining");
        }
        ReferralState target = ReferralState.valueOf(d.decision());
        long now = clock.millis();
        boolean changed = db.inTransaction(c -> {
            int n = Sql.update(c, "UPDATE referrals SET state = ?, decided_at = ?, updated_at = ?, "
                            + "acknowledged_at = COALESCE(acknowledged_at, ?) WHERE id = ? AND state IN ('PENDING','DELIVERED','ACKNOWLEDGED')",
                    target.name(), now, now, now, r.id());
            if (n == 1) {
                // The reason is the recipient's own words about a case: it stays in the event history, which only
                // the referring screener and the recipient can read, and never goes to logs or statistics.
                ReferralStore.event(c, r.id(), now, target, p.username(), d.reason());
                audit.append(c, p.username(), "REFERRAL_" + target.name(), r.id(), null);
            }
            return n == 1;
        });
        if (!changed) {
            throw ProblemException.conflict("the referral is " + r.state() + " and can no longer be decided");
        }
        if (target == ReferralState.DECLINED) {
            escalation.escalate(r.id(), "declined by the recipient");
        }
        Bodies.json(res, store.find(r.id()).map(this::item).orElseThrow());
    }

    private Referral addressedTo(Principal p, String id) {
        return store.find(id).filter(r -> p.actsFor(r.recipientId()))
                .orElseThrow(() -> ProblemException.notFound("referral"));
    }

    private InboxItem item(Referral r) {
        return new InboxItem(r.id(), r.level(), r.state(), r.anonymised(), Instant.ofEpochMilli(r.createdAt()),
                Instant.ofEpochMilli(r.dueBy()));
    }
}
