package bg.nrm.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A versioned screening questionnaire. A screening names the questionnaire id and version it answered, so a later
 * version never changes how an earlier screening is read.
 *
 * @param id      stable id, for example {@code child-risk}
 * @param version version number, starting at 1
 * @param title   title in Bulgarian and English
 * @param subject {@code "child"} or {@code "adult"}
 * @param minAge  youngest age in years the questionnaire is for
 * @param maxAge  oldest age in years the questionnaire is for
 * @param items   the questions, in the order they are asked
 * @param preamble     from version 2: what the screener reads above the questions; {@code null} in version 1
 * @param answerLabels from version 2: the words shown for {@code yes}, {@code no} and {@code unknown}; empty in
 *                     version 1
 * @param subjectFacts from version 2: the optional facts about the subject this version asks (for example
 *                     {@code unaccompanied}), each with its wording; empty in version 1
 * @param revisedCodes from version 2: the codes kept from the previous version whose meaning was refined, so that an
 *                     answer carried over from an older screening is checked again; empty in version 1
 */
public record Questionnaire(String id, int version, LocalizedText title, String subject, int minAge, int maxAge,
                            List<QuestionnaireItem> items, LocalizedText preamble,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AnswerLabel> answerLabels,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SubjectFact> subjectFacts,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> revisedCodes) {
    /** Subject value of questionnaires for people under 18. */
    public static final String CHILD = "child";
    /** Subject value of questionnaires for people 18 and over. */
    public static final String ADULT = "adult";

    public Questionnaire {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(subject, "subject");
        items = List.copyOf(items);
        answerLabels = answerLabels == null ? List.of() : List.copyOf(answerLabels);
        subjectFacts = subjectFacts == null ? List.of() : List.copyOf(subjectFacts);
        revisedCodes = revisedCodes == null ? List.of() : List.copyOf(revisedCodes);
    }

    /** The label of one answer value, for example {@code unknown} „Няма информация“ / No information. */
    public record AnswerLabel(String value, LocalizedText label) {
    }

    /**
     * An optional fact about the subject that a version asks besides the items.
     *
     * @param name the field of {@code subject} in a screening body, for example {@code unaccompanied}
     * @param type {@code boolean}, or {@code language} for an ISO 639-1 code
     * @param text the question in Bulgarian and English
     */
    public record SubjectFact(String name, String type, LocalizedText text) {
    }

    /** Whether this version asks the subject fact {@code name}. */
    public boolean asksSubjectFact(String name) {
        return subjectFacts.stream().anyMatch(f -> f.name().equals(name));
    }

    /** The item asking about {@code code}, if this questionnaire version asks it. */
    public Optional<QuestionnaireItem> item(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (QuestionnaireItem item : items) {
            if (item.code().equals(code)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
