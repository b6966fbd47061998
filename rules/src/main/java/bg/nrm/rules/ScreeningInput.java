package bg.nrm.rules;

import java.util.Map;

/**
 * A screening as submitted: the questionnaire id and version answered, the subject and the raw answers.
 *
 * @param questionnaireId      for example {@code child-risk}
 * @param questionnaireVersion the version answered
 * @param subject              the screened person
 * @param answers              indicator code to {@code "yes"}, {@code "no"} or {@code "unknown"}; may be
 *                             {@code null} or empty, and an item without an answer is {@link Answer#UNKNOWN}
 */
public record ScreeningInput(String questionnaireId, Integer questionnaireVersion, Subject subject,
                             Map<String, String> answers) {
}
