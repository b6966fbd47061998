package bg.nrm.service.screening;

import java.util.Map;

/** The body of {@code POST /api/v1/screenings} (DESIGN.md §6). Unknown fields are rejected by the strict mapper. */
public record ScreeningRequest(String questionnaire,
                               Integer questionnaireVersion,
                               Subject subject,
                               Map<String, String> answers,
                               Consent consent,
                               String notes) {

    /** Who the screening is about. {@code identity} is optional and only ever stored encrypted. */
    public record Subject(String ref, Integer ageYears, String gender, String citizenship, String region,
                          Boolean ageUncertain, Identity identity) {
    }

    /** Identifying details; travel only inside identified envelopes. */
    public record Identity(String name, String dateOfBirth, String location, String contact) {
    }

    /** What the subject agreed to. */
    public record Consent(Boolean identifiedReferral) {
    }

    boolean consentToIdentifiedReferral() {
        return consent != null && Boolean.TRUE.equals(consent.identifiedReferral());
    }

    boolean ageUncertain() {
        return subject != null && Boolean.TRUE.equals(subject.ageUncertain());
    }
}
