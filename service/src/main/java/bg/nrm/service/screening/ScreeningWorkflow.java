package bg.nrm.service.screening;

import bg.nrm.keys.Digests;
import bg.nrm.keys.atrest.Sealer;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.InvalidScreeningException;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RiskAssessor;
import bg.nrm.rules.ScreeningInput;
import bg.nrm.rules.Subject;
import bg.nrm.rules.routing.RouteTarget;
import bg.nrm.rules.routing.Router;
import bg.nrm.rules.routing.RoutingRequest;
import bg.nrm.rules.routing.RoutingResult;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Json;
import bg.nrm.service.http.Problem;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.metrics.Meters;
import bg.nrm.service.referral.RecipientKeys;
import bg.nrm.service.referral.Referral;
import bg.nrm.service.referral.ReferralFactory;
import bg.nrm.service.referral.ReferralState;
import bg.nrm.service.referral.ReferralStore;
import bg.nrm.service.replay.ReplayOutcomes;
import bg.nrm.service.stats.StatsWriter;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Ids;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The life of a screening (docs/life-of-a-screening.md): validate, assess, route, then store in one transaction the sealed
 * screening, its statistics row, one envelope per recipient in the outbox and the audit entries. Everything slow
 * (rules, encryption) happens before the transaction; the transaction only writes.
 */
public final class ScreeningWorkflow {
    private final Database db;
    private final Questionnaires questionnaires;
    private final RiskAssessor assessor;
    private final Router router;
    private final OrganisationStore directory;
    private final RecipientKeys recipientKeys;
    private final ReferralFactory referrals;
    private final Sealer sealer;
    private final AuditLog audit;
    private final Clock clock;
    private volatile boolean acceptVersionOne = true;
    private volatile ReplayOutcomes replayOutcomes;

    public ScreeningWorkflow(Database db, Questionnaires questionnaires, RiskAssessor assessor, Router router,
                             OrganisationStore directory, RecipientKeys recipientKeys, ReferralFactory referrals,
                             Sealer sealer, AuditLog audit, Clock clock) {
        this.db = db;
        this.questionnaires = questionnaires;
        this.assessor = assessor;
        this.router = router;
        this.directory = directory;
        this.recipientKeys = recipientKeys;
        this.referrals = referrals;
        this.sealer = sealer;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether screenings of questionnaire version 1 are still accepted ({@code nrm.questionnaires.accept-v1}). */
    public ScreeningWorkflow acceptVersionOne(boolean accept) {
        this.acceptVersionOne = accept;
        return this;
    }

    /**
     * Computes, for each version-1 screening stored, its replay under the newest ruleset and stores it with the
     * screening (the replay list and the commission's transition table read these pairs).
     */
    public ScreeningWorkflow precomputeReplay(ReplayOutcomes outcomes) {
        this.replayOutcomes = outcomes;
        return this;
    }

    /** The outcome of a submission: the view, and whether it was replayed from an earlier identical request. */
    public record Outcome(String responseJson, boolean replayed) {
    }

    public Outcome submit(Principal screener, ScreeningRequest request, Optional<String> idempotencyKey, byte[] rawBody) {
        // Kept to recognise a replayed request, so computed only when the request has an Idempotency-Key.
        String requestHash = idempotencyKey.isPresent() ? Digests.sha256Hex(rawBody) : null;
        Optional<Outcome> replay = idempotencyKey.flatMap(k -> replay(screener, k, requestHash));
        if (replay.isPresent()) {
            return replay.get();
        }
        Instant now = clock.instant();
        List<Problem.FieldProblem> problems = new ArrayList<>(RequestChecks.check(request, LocalDate.ofInstant(now, ZoneOffset.UTC)));
        if (!acceptVersionOne && Integer.valueOf(1).equals(request.questionnaireVersion())) {
            problems.add(new Problem.FieldProblem("questionnaireVersion",
                    "version 1 is no longer accepted here: answer the current version of the questionnaire"));
        }
        ScreeningInput input = toInput(request);
        Assessment assessment;
        try {
            assessment = assessor.assess(input);
        } catch (InvalidScreeningException e) {
            problems.addAll(RequestChecks.fromRules(e.errors()));
            throw ProblemException.validation(problems);
        }
        if (!problems.isEmpty()) {
            throw ProblemException.validation(problems);
        }
        Questionnaire questionnaire = questionnaires.find(request.questionnaire(), request.questionnaireVersion()).orElseThrow();
        boolean child = "child".equals(questionnaire.subject()) || assessment.treatedAsChild();

        String screeningId = Ids.newId();
        OrganisationStore.Snapshot directorySnapshot = directory.snapshot();
        Map<String, Organisation> byId = directorySnapshot.byId();
        Organisation from = byId.get(screener.organisationId());
        // Routed by the table of the ruleset that made the assessment (1.x for version 1, 2.x for version 2).
        List<bg.nrm.rules.routing.Organisation> routingDirectory = directorySnapshot.routingFacts();
        RoutingResult routing = router.route(RoutingRequest.of(questionnaire, assessment, input.subject(),
                input.answers()), routingDirectory);

        CaseContent content = new CaseContent(request.subject(), request.answers() == null ? Map.of() : request.answers(),
                request.consentToIdentifiedReferral(), request.notes());
        ReferralFactory.Source source = new ReferralFactory.Source(screeningId, from, assessment, content,
                questionnaire.id(), questionnaire.version(), screener.username(),
                // The screener's contact is read only for a screening that makes referrals to name them in.
                routing.targets().isEmpty() ? null : referrals.contactOf(screener.username()));
        List<Planned> planned = new ArrayList<>();
        ReferralFactory.Batch envelopes = referrals.batch(source);
        for (RouteTarget target : routing.targets()) {
            planned.add(plan(source, envelopes, target, byId.get(target.organisationId()), child, request.subject().region(), now));
        }

        Sealer.Sealed sealed = sealer.sealNew(Json.write(content), screeningId.getBytes(StandardCharsets.UTF_8));
        ScreeningViews.ScreeningView view = new ScreeningViews.ScreeningView(screeningId, now, screener.organisationId(),
                questionnaire.id(), questionnaire.version(), assessment,
                planned.stream().map(p -> ScreeningViews.view(p.referral(), byId.get(p.referral().recipientId()), null)).toList(),
                routing.advice(), routing.guidance());
        String responseJson = Json.writeString(view);
        ScreeningStore.Row row = new ScreeningStore.Row(screeningId, screener.organisationId(), screener.username(),
                now.toEpochMilli(), questionnaire.id(), questionnaire.version(), assessment.rulesetVersion(),
                assessment.level().name(), Json.writeString(assessment), sealed.ciphertext(), sealed.key().toBytes(),
                idempotencyKey.orElse(null), requestHash, responseJson);
        ReplayOutcomes replays = replayOutcomes;
        Optional<ReplayOutcomes.Pair> replayPair = replays == null ? Optional.empty()
                : replays.ofNewScreening(row, content, assessment, planned.stream()
                        .map(p -> p.referral().recipientType().name()).toList(), routingDirectory);
        try {
            // Shares one durable commit with the screenings submitted at the same moment (group commit); answered
            // only once it is on disk.
            db.inGroupCommit(c -> {
                ScreeningStore.insert(c, row);
                if (replayPair.isPresent()) {
                    replayPair.get().insert(c, now.toEpochMilli());
                }
                StatsWriter.insert(c, new StatsWriter.Row(now, request.subject().region(), request.subject().ageYears(),
                        request.subject().gender(), request.subject().citizenship(), questionnaire.id(), assessment,
                        planned.size()));
                for (Planned p : planned) {
                    ReferralStore.insert(c, p.referral(), p.envelope(), p.referral().state() == ReferralState.PENDING
                            ? now.toEpochMilli() : null);
                    if (p.referral().consentOverridden()) {
                        audit.append(c, screener.username(), "CONSENT_OVERRIDDEN", p.referral().id(),
                                "identified referral to police without consent: immediate danger to life");
                    }
                    if (p.failure() != null) {
                        ReferralStore.event(c, p.referral().id(), now.toEpochMilli(), ReferralState.FAILED, "service", p.failure());
                    }
                }
                audit.append(c, screener.username(), "SCREENING_CREATED", screeningId,
                        "level " + assessment.level() + ", " + planned.size() + " referral(s)");
                return null;
            });
        } catch (RuntimeException e) {
            // A concurrent request with the same Idempotency-Key won the race: answer as it did.
            if (idempotencyKey.isPresent()) {
                Optional<Outcome> raced = replay(screener, idempotencyKey.get(), requestHash);
                if (raced.isPresent()) {
                    return raced.get();
                }
            }
            throw e;
        }
        Meters.screening(assessment.level().name());
        return new Outcome(responseJson, false);
    }

    private record Planned(Referral referral, byte[] envelope, String failure) {
    }

    private Planned plan(ReferralFactory.Source source, ReferralFactory.Batch envelopes, RouteTarget target, Organisation to, boolean child,
                         String region, Instant now) {
        String referralId = Ids.newId();
        Instant dueBy = now.plus(target.deadline());
        List<String> certs = recipientKeys.encryptionCertificates(to.id(), now);
        String failure = certs.isEmpty() ? "recipient has no valid encryption key" : null;
        Referral referral = new Referral(referralId, source.screeningId(), source.from().id(), to.id(), to.type(),
                target.anonymised(), target.consentOverridden(), target.rule(), source.assessment().level().name(),
                child, region, failure == null ? ReferralState.PENDING : ReferralState.FAILED, now.toEpochMilli(),
                dueBy.toEpochMilli(), null, 0, null, null, null, target.minimumData(), target.notices());
        byte[] envelope = failure == null ? envelopes.envelope(referral, to, certs) : new byte[0];
        return new Planned(referral, envelope, failure);
    }

    private Optional<Outcome> replay(Principal screener, String key, String requestHash) {
        return screeningsByKey(screener, key).map(row -> {
            if (!row.requestHash().equals(requestHash)) {
                throw ProblemException.conflict("this Idempotency-Key was used with a different request body");
            }
            return new Outcome(row.responseJson(), true);
        });
    }

    private Optional<ScreeningStore.Row> screeningsByKey(Principal screener, String key) {
        return new ScreeningStore(db).findByIdempotencyKey(screener.organisationId(), screener.username(), key);
    }

    private static ScreeningInput toInput(ScreeningRequest r) {
        CaseContent.Subject s = r.subject();
        Subject subject = s == null ? null : new Subject(s.ageYears(), s.gender(), s.citizenship(), s.region(),
                r.ageUncertain(), r.consentToIdentifiedReferral(), s.unaccompanied(), s.asylumSeeker(),
                s.exploitedAbroad(), s.language());
        return new ScreeningInput(r.questionnaire(), r.questionnaireVersion(), subject,
                r.answers() == null ? Map.of() : r.answers());
    }
}
