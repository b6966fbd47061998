package bg.nrm.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;

/**
 * The result of assessing one screening: a risk flag for referral, never an identification of a victim.
 * Every list has a deterministic order, so the same input always gives an equal assessment.
 *
 * @param level              the risk level
 * @param findings           findings, ordered by code (immediate danger first, then trafficking, child sexual abuse,
 *                           the positive dimensions, age in doubt, insufficient information) and then by indicator
 * @param exploitationForms  suspected forms of exploitation, in {@link ExploitationForm} order
 * @param positiveDimensions positive dimensions in the order {@code DR, CR, VR, EX, CD, VD, CH}
 * @param recommendations    short sentences for the screener, most urgent first: English under ruleset 1.x,
 *                           Bulgarian under 2.x (the same advice in both languages, with codes, is {@code advice})
 * @param treatedAsChild     whether the child combination rule was used and the person is to be routed as a child:
 *                           true for every child-risk screening and for an adult-risk screening whose age is in doubt
 *                           and under 21
 * @param rulesetVersion     the version of the rules that produced this assessment
 * @param advice             ruleset 2.x: the advice for the screener in Bulgarian and English, most urgent first;
 *                           empty (and left out of JSON) under ruleset 1.x, so a version-1 result reads as before
 */
public record Assessment(RiskLevel level, List<Finding> findings, List<ExploitationForm> exploitationForms,
                         List<String> positiveDimensions, List<String> recommendations, boolean treatedAsChild,
                         String rulesetVersion,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Advice> advice) {
    public Assessment {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(rulesetVersion, "rulesetVersion");
        findings = List.copyOf(findings);
        exploitationForms = List.copyOf(exploitationForms);
        positiveDimensions = List.copyOf(positiveDimensions);
        recommendations = List.copyOf(recommendations);
        // A stored ruleset-1 assessment has no advice field: read it as none.
        advice = advice == null ? List.of() : List.copyOf(advice);
    }

    /** An assessment without bilingual advice, as ruleset 1.x makes them. */
    public Assessment(RiskLevel level, List<Finding> findings, List<ExploitationForm> exploitationForms,
                      List<String> positiveDimensions, List<String> recommendations, boolean treatedAsChild,
                      String rulesetVersion) {
        this(level, findings, exploitationForms, positiveDimensions, recommendations, treatedAsChild, rulesetVersion,
                List.of());
    }

    /** Whether a finding with this code is present. */
    public boolean has(String findingCode) {
        return findings.stream().anyMatch(f -> f.code().equals(findingCode));
    }
}
