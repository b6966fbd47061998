package bg.nrm.service.referral;

import bg.nrm.rules.routing.OrganisationType;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.referral.document.ReferralPdf;
import bg.nrm.service.store.Database;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a recipient does with a referral after opening it, under {@code /api/v1/referrals/{id}}: the PDF for the case
 * file ({@code document.pdf}), the outcome once accepted ({@code outcome}: COMPLETED with the services given, or
 * CLOSED with a reason), and, for the police in a trafficking case, whether the person was formally identified as a
 * victim ({@code identification}). Only the addressed organisation; to anyone else the referral does not exist.
 */
public final class FollowUpService implements HttpService {
    private static final int MAX_REASON = 500;
    private static final Set<ReferralState> IDENTIFICATION_STATES = EnumSet.of(ReferralState.ACKNOWLEDGED,
            ReferralState.ACCEPTED, ReferralState.COMPLETED, ReferralState.CLOSED);

    private final Database db;
    private final ReferralStore store;
    private final ReferralSources sources;
    private final ReferralFactory factory;
    private final OrganisationStore directory;
    private final SealedReasons reasons;
    private final AuditLog audit;
    private final Clock clock;

    public FollowUpService(Database db, ReferralStore store, ReferralSources sources, ReferralFactory factory,
                           OrganisationStore directory, SealedReasons reasons, AuditLog audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.sources = sources;
        this.factory = factory;
        this.directory = directory;
        this.reasons = reasons;
        this.audit = audit;
        this.clock = clock;
    }

    /** The services a recipient can record as given (codes; the words are the recipient's own system's). */
    public enum ServiceGiven {
        ACCOMMODATION, CRISIS_INTERVENTION, PSYCHOLOGICAL_SUPPORT, MEDICAL_CARE, LEGAL_AID, SOCIAL_SUPPORT,
        EDUCATION, INTERPRETATION, FAMILY_SUPPORT, PROTECTION_MEASURE, INVESTIGATION, OTHER
    }

    /** The body of an outcome: COMPLETED with {@code services}, or CLOSED with a {@code reason}. */
    public record Outcome(String outcome, List<String> services, String reason) {
    }

    /** The body of a formal identification record. */
    public record Identification(Boolean formallyIdentified) {
    }

    /** A referral's state and what was recorded after acceptance. */
    public record FollowUpView(String id, ReferralState state, List<String> servicesGiven, Boolean formallyIdentified) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/document.pdf", this::handlePdf)
                .post("/{id}/outcome", this::handleOutcome)
                .post("/{id}/identification", this::handleIdentification);
    }

    private void handlePdf(ServerRequest req, ServerResponse res) {
        Principal p = Access.require(req, Role.RECIPIENT);
        String id = req.path().pathParameters().get("id");
        byte[] pdf = pdf(p, id);
        res.header(HeaderNames.CONTENT_TYPE, "application/pdf");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"referral-" + id + ".pdf\"");
        res.send(pdf);
    }

    /**
     * The referral's document as a PDF for the recipient's case file (the API's {@code document.pdf} and the
     * recipient's page), audited as a copy that left the service. 404 to anyone but the addressed organisation; 410
     * once withdrawn, passed on, failed, or erased under the retention period.
     */
    public byte[] pdf(Principal p, String id) {
        Referral r = addressedTo(p, id);
        if (r.state() == ReferralState.REVOKED || r.state() == ReferralState.ESCALATED || r.state() == ReferralState.FAILED) {
            // Withdrawn, passed on, or never sealed for this organisation: not this organisation's case file.
            throw ProblemException.gone("the referral is " + r.state());
        }
        ReferralFactory.Source source = sources.of(r)
                .orElseThrow(() -> ProblemException.gone("the case content has been erased under the retention period"));
        byte[] pdf = ReferralPdf.render(factory.document(source, r, directory.find(r.recipientId()).orElseThrow()));
        // Every copy that leaves the service is on the record.
        audit.append(p.username(), "REFERRAL_PDF_DOWNLOADED", r.id(), null);
        return pdf;
    }

    private void handleOutcome(ServerRequest req, ServerResponse res) {
        Principal p = Access.require(req, Role.RECIPIENT);
        Referral r = addressedTo(p, req.path().pathParameters().get("id"));
        Outcome body = Bodies.readJson(req, 4096, Outcome.class);
        ReferralState target;
        if ("COMPLETED".equals(body.outcome())) {
            target = ReferralState.COMPLETED;
            if (body.services() == null || body.services().isEmpty() || body.services().size() > 20
                    || !body.services().stream().allMatch(FollowUpService::knownService)) {
                throw ProblemException.badRequest("services", "one or more of " + List.of(ServiceGiven.values()));
            }
        } else if ("CLOSED".equals(body.outcome())) {
            target = ReferralState.CLOSED;
            if (body.reason() == null || body.reason().isBlank() || body.reason().length() > MAX_REASON) {
                throw ProblemException.badRequest("reason", "required, at most " + MAX_REASON + " characters");
            }
        } else {
            throw ProblemException.badRequest("outcome", "must be COMPLETED or CLOSED");
        }
        long now = clock.millis();
        // The reason is the recipient's words about a case: sealed with it, like a decline's reason.
        byte[] sealedReason = target == ReferralState.CLOSED ? reasons.seal(r.screeningId(), r.id(), body.reason()) : null;
        List<String> services = target == ReferralState.COMPLETED ? body.services().stream().distinct().toList() : List.of();
        boolean changed = db.inTransaction(c -> {
            if (!ReferralStore.transition(c, r.id(), target, now)) {
                return false;
            }
            if (target == ReferralState.COMPLETED) {
                ReferralStore.servicesGiven(c, r.id(), services);
            }
            ReferralStore.event(c, r.id(), now, target, p.username(),
                    target == ReferralState.COMPLETED ? "services: " + String.join(", ", services) : "reason given",
                    sealedReason);
            audit.append(c, p.username(), "REFERRAL_" + target.name(), r.id(), null);
            return true;
        });
        if (!changed) {
            throw ProblemException.conflict("the referral is " + r.state() + "; an outcome follows acceptance");
        }
        Bodies.json(res, view(r.id()));
    }

    private void handleIdentification(ServerRequest req, ServerResponse res) {
        Principal p = Access.require(req, Role.RECIPIENT);
        Referral r = addressedTo(p, req.path().pathParameters().get("id"));
        Identification body = Bodies.readJson(req, 1024, Identification.class);
        if (body.formallyIdentified() == null) {
            throw ProblemException.badRequest("formallyIdentified", "required: true or false");
        }
        if (r.recipientType() != OrganisationType.POLICE) {
            throw ProblemException.forbidden("formal identification is recorded by the police");
        }
        if (!sources.traffickingIndicated(r)) {
            throw ProblemException.conflict("formal identification is recorded for trafficking cases only");
        }
        if (!IDENTIFICATION_STATES.contains(r.state())) {
            throw ProblemException.conflict("the referral is " + r.state() + "; acknowledge it first");
        }
        long now = clock.millis();
        db.inTransaction(c -> {
            ReferralStore.formallyIdentified(c, r.id(), body.formallyIdentified(), now);
            ReferralStore.event(c, r.id(), now, r.state(), p.username(),
                    "formally identified: " + (body.formallyIdentified() ? "yes" : "no"));
            audit.append(c, p.username(), "REFERRAL_IDENTIFICATION_RECORDED", r.id(),
                    body.formallyIdentified() ? "yes" : "no");
            return null;
        });
        Bodies.json(res, view(r.id()));
    }

    private static boolean knownService(String code) {
        for (ServiceGiven s : ServiceGiven.values()) {
            if (s.name().equals(code)) {
                return true;
            }
        }
        return false;
    }

    private Referral addressedTo(Principal p, String id) {
        return store.find(id).filter(r -> p.actsFor(r.recipientId()))
                .orElseThrow(() -> ProblemException.notFound("referral"));
    }

    private FollowUpView view(String id) {
        Referral r = store.find(id).orElseThrow();
        ReferralStore.FollowUp f = store.followUp(id);
        return new FollowUpView(r.id(), r.state(), f.servicesGiven(), f.formallyIdentified());
    }
}
