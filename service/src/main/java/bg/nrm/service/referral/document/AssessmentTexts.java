package bg.nrm.service.referral.document;

import bg.nrm.rules.Assessment;

import java.util.List;

/**
 * Reads the people-facing texts an assessment carries: recommendations and notices. Ruleset 1.x carries English
 * recommendations written for the screener and no notices; they are rendered as they are (the Bulgarian side left
 * empty rather than invented). This is the one place to read the bilingual, per-role texts of ruleset 2.0.0 from.
 */
final class AssessmentTexts {
    private AssessmentTexts() {
    }

    /** The recommendations for a recipient of {@code recipientType}, most urgent first. */
    static List<Bilingual> recommendations(Assessment a, String recipientType) {
        return a.recommendations().stream().map(en -> new Bilingual(null, en)).toList();
    }

    /**
     * The notices that apply (do not inform the family, non-punishment, rights of an adult). A minimum-data document
     * carries only the non-punishment notice.
     */
    static List<DocumentV2.Notice> notices(Assessment a, boolean minimumData) {
        return List.of();
    }
}
