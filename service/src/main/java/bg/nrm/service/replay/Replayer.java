package bg.nrm.service.replay;

import bg.nrm.keys.atrest.Sealer;
import bg.nrm.keys.atrest.WrappedDataKey;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.Finding;
import bg.nrm.rules.InvalidScreeningException;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RiskAssessor;
import bg.nrm.rules.ScreeningInput;
import bg.nrm.rules.Subject;
import bg.nrm.rules.routing.Organisation;
import bg.nrm.rules.routing.RouteTarget;
import bg.nrm.rules.routing.Router;
import bg.nrm.rules.routing.RoutingRequest;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.http.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Re-assesses one stored screening under ruleset 2.0.0 and compares the outcome (level, findings, recipient types)
 * with the stored one. Codes are stable, so the stored answers carry over; codes that version 2 added start as
 * unknown. An adult-risk screening of someone who may be under 18 is replayed with child-risk, as version 2 asks.
 * Pure: nothing is stored or sent.
 */
final class Replayer {
    /** The ruleset replays compare with. */
    static final String TARGET_RULESET = RiskAssessor.RULESET_VERSION_2;

    private final Sealer sealer;
    private final RiskAssessor assessor;
    private final Router router;
    private final Questionnaires questionnaires;

    Replayer(Sealer sealer, RiskAssessor assessor, Router router, Questionnaires questionnaires) {
        this.sealer = sealer;
        this.assessor = assessor;
        this.router = router;
        this.questionnaires = questionnaires;
    }

    /** An outcome: the level, the finding codes and the recipient types, each sorted. */
    record Outcome(String rulesetVersion, String level, List<String> findings, List<String> recipientTypes) {
    }

    /** What changes from {@code before} to {@code after}; empty lists where nothing does. */
    record Difference(boolean levelChanged, List<String> findingsAdded, List<String> findingsRemoved,
                      List<String> recipientTypesAdded, List<String> recipientTypesRemoved) {
        boolean any() {
            return levelChanged || !findingsAdded.isEmpty() || !findingsRemoved.isEmpty()
                    || !recipientTypesAdded.isEmpty() || !recipientTypesRemoved.isEmpty();
        }
    }

    /** One replayed screening; {@code content} stays inside the service (drafts are built from it). */
    record Replayed(ScreeningStore.Row row, CaseContent content, String region, Outcome before, Outcome after,
                    Difference difference, ScreeningInput input) {
        Instant createdAt() {
            return Instant.ofEpochMilli(row.createdAt());
        }
    }

    /** Replays one stored screening; empty when its content cannot be replayed (shredded, or no longer valid). */
    Optional<Replayed> replay(ScreeningStore.Row row, List<String> recipientTypesBefore,
                              Collection<Organisation> directory) {
        if (row.dataKey() == null || row.content() == null) {
            return Optional.empty();
        }
        byte[] plain = sealer.open(WrappedDataKey.fromBytes(row.dataKey()), row.content(),
                row.id().getBytes(StandardCharsets.UTF_8));
        CaseContent content = Json.read(new String(plain, StandardCharsets.UTF_8), CaseContent.class);
        return replay(row, content, Json.read(row.assessmentJson(), Assessment.class), recipientTypesBefore, directory);
    }

    /**
     * Replays a screening whose content and stored assessment are already at hand (a screening being stored, or one
     * just opened); empty when the content is no longer valid for the target ruleset.
     */
    Optional<Replayed> replay(ScreeningStore.Row row, CaseContent content, Assessment stored,
                              List<String> recipientTypesBefore, Collection<Organisation> directory) {
        ScreeningInput input = versionTwoInput(row.questionnaireId(), content);
        Assessment assessment;
        try {
            assessment = assessor.assess(input);
        } catch (InvalidScreeningException e) {
            return Optional.empty();
        }
        Questionnaire q = questionnaires.find(input.questionnaireId(), input.questionnaireVersion()).orElseThrow();
        List<RouteTarget> targets = router.route(RoutingRequest.of(q, assessment, input.subject(), input.answers()),
                directory).targets();
        Outcome before = new Outcome(stored.rulesetVersion(), stored.level().name(), codes(stored),
                List.copyOf(new TreeSet<>(recipientTypesBefore)));
        Outcome after = new Outcome(assessment.rulesetVersion(), assessment.level().name(), codes(assessment),
                targets.stream().map(t -> t.type().name()).sorted().distinct().toList());
        return Optional.of(new Replayed(row, content, content.subject().region(), before, after,
                difference(before, after), input));
    }

    /**
     * The version-2 screening the stored one becomes: the same questionnaire (child-risk for an adult-risk screening
     * of someone under 18), version 2, the same answers for the codes version 2 asks, the same subject and consent.
     */
    ScreeningInput versionTwoInput(String questionnaireId, CaseContent content) {
        CaseContent.Subject s = content.subject();
        String id = questionnaireId;
        if ("adult-risk".equals(id) && s.ageYears() != null && s.ageYears() < 18) {
            id = "child-risk";
        }
        Questionnaire q = questionnaires.latest(id).orElseThrow();
        Map<String, String> answers = new LinkedHashMap<>();
        for (QuestionnaireItem item : q.items()) {
            String answer = content.answers() == null ? null : content.answers().get(item.code());
            if (answer != null) {
                answers.put(item.code(), answer);
            }
        }
        Subject subject = new Subject(s.ageYears(), s.gender(), s.citizenship(), s.region(),
                Boolean.TRUE.equals(s.ageUncertain()), content.consentToIdentifiedReferral());
        return new ScreeningInput(q.id(), q.version(), subject, answers);
    }

    private static List<String> codes(Assessment a) {
        return a.findings().stream().map(Finding::code).distinct().sorted().toList();
    }

    static Difference difference(Outcome before, Outcome after) {
        return new Difference(!before.level().equals(after.level()), minus(after.findings(), before.findings()),
                minus(before.findings(), after.findings()), minus(after.recipientTypes(), before.recipientTypes()),
                minus(before.recipientTypes(), after.recipientTypes()));
    }

    private static List<String> minus(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.removeAll(b);
        return out;
    }
}
