package bg.nrm.rules.routing;

import java.util.Objects;
import java.util.Set;

/**
 * Ruleset 2.x: what routing needs to know beyond version 1's level, child, region and consent: the findings, the
 * answers that were yes and the subject facts. Built by {@link RoutingRequest#of}; absent for a ruleset-1 request.
 *
 * @param ageYears      the person's age (or best estimate), for placement limits
 * @param gender        {@code female}, {@code male}, {@code other} or {@code unknown}, for placement limits
 * @param findingCodes  the codes of the assessment's findings, for example {@code TRAFFICKING_INDICATED}
 * @param yesCodes      the indicator codes answered yes
 * @param violenceCodes those of {@code yesCodes} that belong to the violence (VI) dimension
 * @param foreign       citizenship given and not BG
 * @param interpreter   the person's best language is not Bulgarian
 * @param unaccompanied a child in Bulgaria without a parent or legal guardian
 * @param asylumSeeker  the person seeks international protection
 */
public record CaseFacts(int ageYears, String gender, Set<String> findingCodes, Set<String> yesCodes,
                        Set<String> violenceCodes, boolean foreign, boolean interpreter, boolean unaccompanied,
                        boolean asylumSeeker) {
    public CaseFacts {
        Objects.requireNonNull(gender, "gender");
        findingCodes = Set.copyOf(findingCodes);
        yesCodes = Set.copyOf(yesCodes);
        violenceCodes = Set.copyOf(violenceCodes);
    }
}
