package bg.nrm.service.cases;

import java.util.Map;

/**
 * Everything about a screening that could identify or describe a person: stored only sealed (AES-256-GCM under the
 * screening's data key) and sent only inside envelopes.
 */
public record CaseContent(Subject subject, Map<String, String> answers, boolean consentToIdentifiedReferral,
                          String notes) {

    /** Who the screening is about. {@code identity} is optional and only ever stored encrypted. */
    public record Subject(String ref, Integer ageYears, String gender, String citizenship, String region,
                          Boolean ageUncertain, Identity identity) {
    }

    /** Identifying details; travel only inside identified envelopes. */
    public record Identity(String name, String dateOfBirth, String location, String contact) {
    }
}
