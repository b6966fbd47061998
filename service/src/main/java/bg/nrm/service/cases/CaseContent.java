package bg.nrm.service.cases;

import java.util.Map;

/**
 * Everything about a screening that could identify or describe a person: stored only sealed (AES-256-GCM under the
 * screening's data key) and sent only inside envelopes.
 */
public record CaseContent(Subject subject, Map<String, String> answers, boolean consentToIdentifiedReferral,
                          String notes) {

    /**
     * Who the screening is about. {@code identity} is optional and only ever stored encrypted. From questionnaire
     * version 2 the optional subject facts {@code unaccompanied}, {@code asylumSeeker}, {@code exploitedAbroad} and
     * {@code language} (ISO 639-1) may be given; version 1 refuses them.
     */
    public record Subject(String ref, Integer ageYears, String gender, String citizenship, String region,
                          Boolean ageUncertain, Identity identity, Boolean unaccompanied, Boolean asylumSeeker,
                          Boolean exploitedAbroad, String language) {

        /** A subject without the version-2 facts. */
        public Subject(String ref, Integer ageYears, String gender, String citizenship, String region,
                       Boolean ageUncertain, Identity identity) {
            this(ref, ageYears, gender, citizenship, region, ageUncertain, identity, null, null, null, null);
        }
    }

    /** Identifying details; travel only inside identified envelopes. */
    public record Identity(String name, String dateOfBirth, String location, String contact) {
    }
}
