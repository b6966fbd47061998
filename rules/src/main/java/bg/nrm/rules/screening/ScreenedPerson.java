package bg.nrm.rules.screening;

/** Fact: what the rules know about the screened person and the questionnaire used. */
public final class ScreenedPerson {
    private final int ageYears;
    private final boolean adultQuestionnaire;
    private final boolean ageUncertain;
    private final boolean consentToIdentifiedReferral;

    public ScreenedPerson(int ageYears, boolean adultQuestionnaire, boolean ageUncertain,
                          boolean consentToIdentifiedReferral) {
        this.ageYears = ageYears;
        this.adultQuestionnaire = adultQuestionnaire;
        this.ageUncertain = ageUncertain;
        this.consentToIdentifiedReferral = consentToIdentifiedReferral;
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
