package bg.nrm.service.screening;

import java.util.Map;

/**
 * Everything about a screening that could identify or describe a person: stored only sealed (AES-256-GCM under the
 * screening's data key) and sent only inside envelopes.
 */
public record CaseContent(ScreeningRequest.Subject subject, Map<String, String> answers, boolean consentToIdentifiedReferral,
                          String notes) {
}
