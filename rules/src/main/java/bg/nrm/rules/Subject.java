package bg.nrm.rules;

/**
 * What the rules need to know about the screened person. No name and no identity: those never reach the rules.
 *
 * @param ageYears                    age in years, or the screener's best estimate when {@code ageUncertain}
 * @param gender                      {@code female}, {@code male}, {@code other} or {@code unknown}
 * @param citizenship                 ISO 3166-1 alpha-2 code in upper case; {@code null} when not known
 * @param region                      ISO 3166-2:BG region code, {@code BG-01} to {@code BG-28}
 * @param ageUncertain                whether it is uncertain that the person is 18 or over
 * @param consentToIdentifiedReferral whether an adult consented to a referral that carries their identity
 * @param unaccompanied               questionnaire version 2: a child in Bulgaria without a parent or legal guardian;
 *                                    {@code null} when not given (read as false)
 * @param asylumSeeker                version 2: the person has applied, or wants to apply, for international protection
 * @param exploitedAbroad             version 2: the exploitation happened outside Bulgaria
 * @param language                    version 2: ISO 639-1 code of the language the person understands best; an
 *                                    interpreter is needed when it is not {@code bg}; {@code null} when not given
 */
public record Subject(Integer ageYears, String gender, String citizenship, String region, boolean ageUncertain,
                      boolean consentToIdentifiedReferral, Boolean unaccompanied, Boolean asylumSeeker,
                      Boolean exploitedAbroad, String language) {

    /** A subject as questionnaire version 1 knows it, without the facts version 2 added. */
    public Subject(Integer ageYears, String gender, String citizenship, String region, boolean ageUncertain,
                   boolean consentToIdentifiedReferral) {
        this(ageYears, gender, citizenship, region, ageUncertain, consentToIdentifiedReferral, null, null, null, null);
    }

    /** Whether any fact that only questionnaire version 2 asks was given. */
    public boolean hasVersionTwoFacts() {
        return unaccompanied != null || asylumSeeker != null || exploitedAbroad != null || language != null;
    }

    /** {@code unaccompanied}, absent read as false. */
    public boolean isUnaccompanied() {
        return Boolean.TRUE.equals(unaccompanied);
    }

    /** {@code asylumSeeker}, absent read as false. */
    public boolean isAsylumSeeker() {
        return Boolean.TRUE.equals(asylumSeeker);
    }

    /** {@code exploitedAbroad}, absent read as false. */
    public boolean isExploitedAbroad() {
        return Boolean.TRUE.equals(exploitedAbroad);
    }

    /** Whether the person needs an interpreter: a language other than Bulgarian was given. */
    public boolean needsInterpreter() {
        return language != null && !language.equals("bg");
    }
}
