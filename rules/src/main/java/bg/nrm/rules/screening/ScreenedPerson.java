package bg.nrm.rules.screening;

/** Fact: what the rules know about the screened person and the questionnaire used. */
public final class ScreenedPerson {
    private final int ageYears;
    private final boolean adultQuestionnaire;
    private final boolean ageUncertain;
    private final boolean consentToIdentifiedReferral;
    private final String citizenship;
    private final boolean unaccompanied;
    private final boolean asylumSeeker;
    private final boolean interpreterNeeded;

    public ScreenedPerson(int ageYears, boolean adultQuestionnaire, boolean ageUncertain,
                          boolean consentToIdentifiedReferral) {
        this.ageYears = ageYears;
        this.adultQuestionnaire = adultQuestionnaire;
        this.ageUncertain = ageUncertain;
        this.consentToIdentifiedReferral = consentToIdentifiedReferral;
        this.citizenship = null;
        this.unaccompanied = false;
        this.asylumSeeker = false;
        this.interpreterNeeded = false;
    }

    /** The person as ruleset 2.x sees it: version 1's facts and the subject facts questionnaire version 2 added. */
    public ScreenedPerson(int ageYears, boolean adultQuestionnaire, boolean ageUncertain,
                          boolean consentToIdentifiedReferral, String citizenship, boolean unaccompanied,
                          boolean asylumSeeker, boolean interpreterNeeded) {
        this.ageYears = ageYears;
        this.adultQuestionnaire = adultQuestionnaire;
        this.ageUncertain = ageUncertain;
        this.consentToIdentifiedReferral = consentToIdentifiedReferral;
        this.citizenship = citizenship;
        this.unaccompanied = unaccompanied;
        this.asylumSeeker = asylumSeeker;
        this.interpreterNeeded = interpreterNeeded;
    }

    /** Whether the person is known to be a foreign national (citizenship given and not BG). */
    public boolean isForeignNational() {
        return citizenship != null && !citizenship.equals("BG");
    }

    public boolean isUnaccompanied() {
        return unaccompanied;
    }

    public boolean isAsylumSeeker() {
        return asylumSeeker;
    }

    public boolean isInterpreterNeeded() {
        return interpreterNeeded;
    }

    public int getAgeYears() {
        return ageYears;
    }

    public boolean isAdultQuestionnaire() {
        return adultQuestionnaire;
    }

    public boolean isAgeUncertain() {
        return ageUncertain;
    }

    public boolean isConsentToIdentifiedReferral() {
        return consentToIdentifiedReferral;
    }
}
