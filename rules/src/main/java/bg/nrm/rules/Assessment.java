package bg.nrm.rules;

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
 * @param recommendations    short English sentences for the screener, most urgent first
 * @param treatedAsChild     whether the child combination rule was used and the person is to be routed as a child:
 *                           true for every child-risk screening and for an adult-risk screening whose age is in doubt
 *                           and under 21
 * @param rulesetVersion     the version of the rules that produced this assessment
 */
public record Assessment(RiskLevel level, List<Finding> findings, List<ExploitationForm> exploitationForms,
                         List<String> positiveDimensions, List<String> recommendations, boolean treatedAsChild,
                         String rulesetVersion) {
    public Assessment {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(rulesetVersion, "rulesetVersion");
        findings = List.copyOf(findings);
        exploitationForms = List.copyOf(exploitationForms);
        positiveDimensions = List.copyOf(positiveDimensions);
        recommendations = List.copyOf(recommendations);
    }

    /** Whether a finding with this code is present. */
    public boolean has(String findingCode) {
        return findings.stream().anyMatch(f -> f.code().equals(findingCode));
    }
}
