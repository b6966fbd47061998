package bg.nrm.rules;

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
 */
public record Questionnaire(String id, int version, LocalizedText title, String subject, int minAge, int maxAge,
                            List<QuestionnaireItem> items) {
    /** Subject value of questionnaires for people under 18. */
    public static final String CHILD = "child";
    /** Subject value of questionnaires for people 18 and over. */
    public static final String ADULT = "adult";

    public Questionnaire {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(subject, "subject");
        items = List.copyOf(items);
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
