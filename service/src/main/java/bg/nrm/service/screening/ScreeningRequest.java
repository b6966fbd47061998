package bg.nrm.service.screening;

import bg.nrm.service.cases.CaseContent.Subject;

import java.util.Map;

/**
 * The body of {@code POST /api/v1/screenings} (see the OpenAPI document at {@code /openapi}). Unknown fields are
 * rejected by the strict mapper. The subject is the case's own {@link Subject}: it is stored, sealed, as it was sent.
 */
public record ScreeningRequest(String questionnaire,
                               Integer questionnaireVersion,
                               Subject subject,
                               Map<String, String> answers,
                               Consent consent,
                               String notes) {

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
