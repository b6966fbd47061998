package bg.nrm.service.referral.document;

import bg.nrm.rules.Advice;
import bg.nrm.rules.Assessment;

import java.util.List;

/**
 * Reads the people-facing texts of a referral: what the recipient is asked to do and the notices it must see.
 * <ul>
 *   <li>Ruleset 2.x: the routing chose, for each recipient, a text for its role ("the child is referred to you under
 *       art. 7 of the Child Protection Act…", code {@code TO_…}) and notices (do not inform the family,
 *       non-punishment, the rights of an adult…), all in Bulgarian and English. The role text is this recipient's
 *       recommendation; the others are its notices. The screener's own advice is not the recipient's and is left
 *       out.</li>
 *   <li>Ruleset 1.x: English recommendations written for the screener, and no notices. They are rendered as they
 *       are (the Bulgarian side left empty rather than invented), except in a minimum-data document.</li>
 * </ul>
 * This is the one place that decides which of these texts a recipient reads.
 */
final class AssessmentTexts {
    /** The code prefix of the routing's text for a recipient's role. */
    static final String ROLE_PREFIX = "TO_";

    private AssessmentTexts() {
    }

    /** The recommendations for this recipient, most urgent first; {@code null} when there are none to give. */
    static List<Bilingual> recommendations(Assessment a, List<Advice> notices, boolean minimumData) {
        if (!a.rulesetVersion().startsWith("1.")) {
            List<Bilingual> forRole = notices.stream().filter(n -> n.code().startsWith(ROLE_PREFIX))
                    .map(n -> Bilingual.of(n.text().bg(), n.text().en())).toList();
            return forRole.isEmpty() ? null : forRole;
        }
        // The screener's advice may name more than a minimum-data document may carry.
        return minimumData ? null : a.recommendations().stream().map(en -> new Bilingual(null, en)).toList();
    }

    /** The notices that apply to this recipient, in the routing's order (empty under ruleset 1.x). */
    static List<DocumentV2.Notice> notices(List<Advice> notices) {
        return notices.stream().filter(n -> !n.code().startsWith(ROLE_PREFIX))
                .map(n -> new DocumentV2.Notice(n.code(), Bilingual.of(n.text().bg(), n.text().en()))).toList();
    }
}
