package bg.nrm.rules.routing;

import bg.nrm.rules.Assessment;
import bg.nrm.rules.Finding;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.Regions;
import bg.nrm.rules.RiskLevel;
import bg.nrm.rules.RulesException;
import bg.nrm.rules.Subject;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What routing needs to know about an assessed screening.
 *
 * @param level                       the assessed risk level
 * @param child                       true for a child, and for an adult-questionnaire subject whose age is in doubt
 *                                    and who is therefore treated as a child
 * @param region                      the subject's region ({@code BG-01}…{@code BG-28})
 * @param consentToIdentifiedReferral whether the subject consented to identified referrals
 * @param facts                       ruleset 2.x: the findings, yes answers and subject facts; {@code null} for a
 *                                    ruleset-1 request, which is routed by the version-1 table
 */
public record RoutingRequest(RiskLevel level, boolean child, String region, boolean consentToIdentifiedReferral,
                             CaseFacts facts) {

    public RoutingRequest {
        Objects.requireNonNull(level, "level");
        if (!Regions.builtIn().isValid(region)) {
            throw new RulesException("a routing request needs a region BG-01..BG-28");
        }
    }

    /** A ruleset-1 request (the version-1 routing table). */
    public RoutingRequest(RiskLevel level, boolean child, String region, boolean consentToIdentifiedReferral) {
        this(level, child, region, consentToIdentifiedReferral, null);
    }

    /**
     * The request for an assessed screening: routed by the table of the ruleset that made the assessment.
     *
     * @param questionnaire the questionnaire version answered
     * @param assessment    its assessment
     * @param subject       the subject as validated
     * @param answers       the raw answers by code
     */
    public static RoutingRequest of(Questionnaire questionnaire, Assessment assessment, Subject subject,
                                    Map<String, String> answers) {
        boolean child = Questionnaire.CHILD.equals(questionnaire.subject()) || assessment.treatedAsChild();
        boolean consent = subject.consentToIdentifiedReferral();
        if (assessment.rulesetVersion().startsWith("1.")) {
            return new RoutingRequest(assessment.level(), child, subject.region(), consent);
        }
        Set<String> findings = new HashSet<>();
        for (Finding f : assessment.findings()) {
            findings.add(f.code());
        }
        Set<String> yes = new HashSet<>();
        Set<String> violence = new HashSet<>();
        for (QuestionnaireItem item : questionnaire.items()) {
            if (answers != null && "yes".equals(answers.get(item.code()))) {
                yes.add(item.code());
                if (item.dimension().equals("VI")) {
                    violence.add(item.code());
                }
            }
        }
        boolean foreign = subject.citizenship() != null && !subject.citizenship().equals("BG");
        CaseFacts facts = new CaseFacts(subject.ageYears(), subject.gender(), findings, yes, violence, foreign,
                subject.needsInterpreter(), subject.isUnaccompanied(), subject.isAsylumSeeker());
        return new RoutingRequest(assessment.level(), child, subject.region(), consent, facts);
    }
}
