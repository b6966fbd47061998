package bg.nrm.service.referral;

import bg.nrm.rules.Advice;
import bg.nrm.rules.Finding;

import java.util.List;
import java.util.Map;

/**
 * What a recipient reads after opening the envelope. An anonymised document carries no name, no case reference, no
 * notes, no answers and no exact age: region, age band, gender, level, findings, and the referring organisation as
 * the contact. The service raises a risk flag for referral; it never identifies a victim.
 */
public record ReferralDocument(String notice,
                               String referralId,
                               String screeningId,
                               String createdAt,
                               String dueBy,
                               boolean anonymised,
                               Party from,
                               Party to,
                               String level,
                               List<Finding> findings,
                               List<String> exploitationForms,
                               List<String> recommendations,
                               String rulesetVersion,
                               Subject subject,
                               Map<String, String> answers,
                               String notes,
                               List<Advice> notices) {

    /** A document without notices (ruleset 1.x). */
    public ReferralDocument(String notice, String referralId, String screeningId, String createdAt, String dueBy,
                            boolean anonymised, Party from, Party to, String level, List<Finding> findings,
                            List<String> exploitationForms, List<String> recommendations, String rulesetVersion,
                            Subject subject, Map<String, String> answers, String notes) {
        this(notice, referralId, screeningId, createdAt, dueBy, anonymised, from, to, level, findings,
                exploitationForms, recommendations, rulesetVersion, subject, answers, notes, null);
    }

    /**
     * The same document with notices for the recipient (ruleset 2.x), in Bulgarian and English: first what the
     * recipient is asked to do, then notices such as "do not inform the family" or non-punishment.
     */
    public ReferralDocument withNotices(List<Advice> notices) {
        return new ReferralDocument(notice, referralId, screeningId, createdAt, dueBy, anonymised, from, to, level,
                findings, exploitationForms, recommendations, rulesetVersion, subject, answers, notes,
                List.copyOf(notices));
    }

    public static final String NOTICE = "Risk flag for referral: indicators of trafficking or violence were found by a "
            + "screening. This is not an identification; formal identification belongs to the NRM procedures. "
            + "Сигнал за насочване: открити са индикатори за трафик или насилие. Това не е идентификация.";

    /** An organisation named in the document. */
    public record Party(String id, String name, String type) {
    }

    /** The subject: identified (all fields) or anonymised (region, age band, gender only). */
    public record Subject(String region, String ageBand, String gender, Integer ageYears, Boolean ageUncertain,
                          String citizenship, String ref, Identity identity) {
    }

    /** Identifying details, only in identified documents. */
    public record Identity(String name, String dateOfBirth, String location, String contact) {
    }
}
