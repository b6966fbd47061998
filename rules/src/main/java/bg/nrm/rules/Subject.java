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
 */
public record Subject(Integer ageYears, String gender, String citizenship, String region, boolean ageUncertain,
                      boolean consentToIdentifiedReferral) {
}
