package bg.nrm.service.screening;

import bg.nrm.rules.Assessment;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.Json;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.metrics.Meters;
import bg.nrm.service.referral.ReferralStore;
import bg.nrm.service.referral.SealedReasons;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/** {@code POST /api/v1/screenings} and {@code GET /api/v1/screenings/{id}}, for screeners of the owning organisation. */
public final class ScreeningService implements HttpService {
    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final ScreeningWorkflow workflow;
    private final ScreeningStore screenings;
    private final ReferralStore referrals;
    private final OrganisationStore directory;
    private final SealedReasons reasons;
    private final int maxBody;
    private final AuditLog audit;
    private final Semaphore inProgress;

    /**
     * @param inProgress API screenings taken in at once ({@code nrm.limits.screenings-in-progress}); one more gets 503
     *                   with {@code Retry-After} before any work is done for it
     */
    public ScreeningService(ScreeningWorkflow workflow, ScreeningStore screenings, ReferralStore referrals,
                            OrganisationStore directory, SealedReasons reasons, int maxBody, AuditLog audit,
                            int inProgress) {
        this.inProgress = new Semaphore(inProgress);
        Meters.screeningsInProgress(() -> inProgress - this.inProgress.availablePermits());
        this.audit = audit;
        this.workflow = workflow;
        this.screenings = screenings;
        this.referrals = referrals;
        this.directory = directory;
        this.reasons = reasons;
        this.maxBody = maxBody;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::handleCreate)
                .get("/{id}", this::handleRead);
    }

    private void handleCreate(ServerRequest req, ServerResponse res) {
        Principal screener = Access.require(req, Role.SCREENER);
        Optional<String> key = req.headers().first(HeaderNames.create("Idempotency-Key"));
        if (key.isPresent() && (key.get().isBlank() || key.get().length() > MAX_IDEMPOTENCY_KEY)) {
            throw ProblemException.badRequest("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        byte[] body = Bodies.readJsonBytes(req, maxBody);
        // Past the limit the queue for the database would only grow, and with it every admitted request's wait:
        // refuse at once, before the body is parsed, assessed or sealed (a program retries with its Idempotency-Key).
        // Taken after the body has arrived, so a client sending slowly holds no place. The web form's screenings do
        // not pass here: a person's form is never refused for load.
        if (!inProgress.tryAcquire()) {
            Meters.screeningRefused();
            throw ProblemException.busy(Duration.ofSeconds(1));
        }
        ScreeningWorkflow.Outcome outcome;
        try {
            ScreeningRequest request = Json.parse(body, ScreeningRequest.class);
            outcome = Meters.timeScreening(() -> workflow.submit(screener, request, key, body));
        } finally {
            inProgress.release();
        }
        res.status(Status.CREATED_201);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (outcome.replayed()) {
            res.header(HeaderNames.create("Idempotent-Replayed"), "true");
        }
        res.send(outcome.responseJson().getBytes(StandardCharsets.UTF_8));
    }

    private void handleRead(ServerRequest req, ServerResponse res) {
        Principal screener = Access.require(req, Role.SCREENER);
        String id = req.path().pathParameters().get("id");
        // Another organisation's screening is "not found", so ids cannot be probed.
        ScreeningStore.Row row = screenings.find(id)
                .filter(r -> screener.actsFor(r.organisationId()))
                .orElseThrow(() -> ProblemException.notFound("screening"));
        // Who looked at which case is a security event (ASVS V16): the read is audited, with the screening id only.
        audit.append(screener.username(), "SCREENING_READ", id, null);
        Assessment assessment = Json.read(row.assessmentJson(), Assessment.class);
        List<ScreeningViews.ReferralView> views = referrals.forScreening(id).stream()
                .map(r -> ScreeningViews.view(r, directory.find(r.recipientId()).orElse(null),
                        referrals.history(r.id()).stream()
                                .map(e -> new ScreeningViews.HistoryEntry(Instant.ofEpochMilli(e.at()), e.state(),
                                        e.actor(), e.detail(), reasons.open(id, r.id(), e.sealedReason()).orElse(null)))
                                .toList()))
                .toList();
        ScreeningViews.ScreeningView stored = Json.read(row.responseJson(), ScreeningViews.ScreeningView.class);
        Bodies.json(res, new ScreeningViews.ScreeningView(row.id(), Instant.ofEpochMilli(row.createdAt()),
                row.organisationId(), row.questionnaireId(), row.questionnaireVersion(), assessment, views,
                stored.advice()));
    }
}
