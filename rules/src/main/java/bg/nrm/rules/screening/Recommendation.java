package bg.nrm.rules.screening;

/** Advice for the screener, most urgent first; the rules pick them, this enum only holds the wording and order. */
public enum Recommendation {
    ACT_WITHIN_THE_HOUR("Act within the hour: the person may be in danger now. Call 112 if a life is at risk."),
    REFER_WITHIN_24_HOURS("Refer within 24 hours. This is a risk flag for referral, not an identification of a victim."),
    REFER_WITHIN_72_HOURS("Refer within 72 hours for support and follow-up."),
    REPORT_CHILD("Report the child to the Child Protection Department; the duty to report needs no consent."),
    DO_NOT_CONFRONT("Do not confront or contact the suspected exploiters, and do not let them learn of the referral."),
    SPEAK_ALONE("Speak with the person alone, away from anyone who may control them; use a professional interpreter, "
            + "never a companion."),
    DO_NOT_QUESTION_CHILD_ABOUT_ABUSE("Do not question the child about the abuse in detail; leave that to the "
            + "specialists."),
    TREAT_AS_CHILD("Treat the person as a child until their age is established."),
    ASK_CONSENT_AGAIN("The adult has not consented to an identified referral: explain the options and ask again; "
            + "meanwhile only anonymised referrals are made."),
    RESCREEN_WITHOUT_CONSENT("Re-screen within 14 days: without the adult's consent no referral is made at this level."),
    RESCREEN_INSUFFICIENT_INFORMATION("Re-screen within 14 days: too many strong indicators are unknown."),
    STAY_IN_CONTACT("No referral is needed now; stay in contact and screen again if new signs appear.");

    private final String text;

    Recommendation(String text) {
        this.text = text;
    }

    /** The sentence shown to the screener. */
    public String text() {
        return text;
    }
}
