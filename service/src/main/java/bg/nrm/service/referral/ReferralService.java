package bg.nrm.service.referral;

import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.metrics.Meters;
import bg.nrm.service.store.Database;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * What a recipient does with referrals: the inbox, the envelope, acknowledgement and the decision; and the one
 * thing the referring organisation may do, revoke it. Only the addressed organisation sees a referral, only the
 * referring one may revoke it; to anyone else it does not exist (404).
 */
public final class ReferralService implements HttpService {
    private static final Logger LOG = Logger.getLogger(ReferralService.class.getName());
    private static final int MAX_REASON = 500;

    private final Database db;
    private final ReferralStore store;
    private final Escalation escalation;
    private final SealedReasons reasons;
    private final AuditLog audit;
    private final Clock clock;

    public ReferralService(Database db, ReferralStore store, Escalation escalation, SealedReasons reasons, AuditLog audit,
                           Clock clock) {
        this.db = db;
        this.store = store;
        this.escalation = escalation;
        this.reasons = reasons;
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
        byte[] sealedReason = reasons.seal(r.screeningId(), r.id(), body.reason());
        boolean changed = db.inTransaction(c -> {
            boolean moved = ReferralStore.transition(c, r.id(), ReferralState.REVOKED, now);
            if (moved) {
                ReferralStore.event(c, r.id(), now, ReferralState.REVOKED, p.username(), "reason given", sealedReason);
                audit.append(c, p.username(), "REFERRAL_REVOKED", r.id(), null);
            }
            return moved;
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
        if (r.state() == ReferralState.REVOKED || r.state() == ReferralState.ESCALATED) {
            // Withdrawn, or passed to another recipient: the case is no longer this organisation's to open.
            throw ProblemException.gone("the referral is " + r.state());
        }
        String envelope = store.envelope(r.id()).filter(e -> !e.isEmpty())
                .orElseThrow(() -> ProblemException.notFound("envelope"));
        long now = clock.millis();
        // Pulling the envelope is delivery for recipients without a webhook.
        db.inTransaction(c -> {
            if (ReferralStore.transition(c, r.id(), ReferralState.DELIVERED, now)) {
                Meters.delivery(Meters.Channel.PULL, true, null);
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
            boolean moved = ReferralStore.transition(c, r.id(), ReferralState.ACKNOWLEDGED, now);
            if (moved) {
                ReferralStore.event(c, r.id(), now, ReferralState.ACKNOWLEDGED, p.username(), null);
                audit.append(c, p.username(), "REFERRAL_ACKNOWLEDGED", r.id(), null);
            }
            return moved;
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
        ReferralState target = ReferralState.DECISIONS.stream().filter(s -> s.name().equals(d.decision())).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("decision", "must be ACCEPTED or DECLINED"));
        if (d.reason() != null && d.reason().length() > MAX_REASON) {
            throw ProblemException.badRequest("reason", "must not exceed " + MAX_REASON + " characters");
        }
        if (target == ReferralState.DECLINED && (d.reason() == null || d.reason().isBlank())) {
            throw ProblemException.badRequest("reason", "a reason is required when declining");
        }
        long now = clock.millis();
        byte[] sealedReason = reasons.seal(r.screeningId(), r.id(), d.reason());
        boolean changed = db.inTransaction(c -> {
            boolean moved = ReferralStore.transition(c, r.id(), target, now);
            if (moved) {
                // The reason is the recipient's own words about a case: sealed with the case, shown only to the
                // referring screener, never in logs or statistics.
                ReferralStore.event(c, r.id(), now, target, p.username(), sealedReason == null ? null : "reason given",
                        sealedReason);
                audit.append(c, p.username(), "REFERRAL_" + target.name(), r.id(), null);
            }
            return moved;
        });
        if (!changed) {
            throw ProblemException.conflict("the referral is " + r.state() + " and can no longer be decided");
        }
        if (target == ReferralState.DECLINED) {
            try {
                escalation.escalate(r.id(), "declined by the recipient");
            } catch (RuntimeException e) {
                // The decline stands; the escalation sweep passes a DECLINED referral on at its next run.
                LOG.warning(() -> "escalation after decline of referral " + r.id() + " deferred: " + e.getClass().getName());
            }
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
