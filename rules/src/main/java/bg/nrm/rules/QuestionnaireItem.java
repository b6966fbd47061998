package bg.nrm.rules;

import java.util.Objects;

/**
 * One question of a questionnaire: an indicator code from the catalogue (INDICATORS.md) with its dimension and
 * strength, and the wording a care worker reads.
 *
 * @param code      the stable indicator code, for example {@code CD_DOCS_TAKEN}
 * @param dimension one of {@code DR, CR, VR, EX, CD, VD, CH, ACT, VI, ID}
 * @param strength  the indicator's strength; {@code null} for {@code ACT} and {@code ID} items, which have none
 * @param type      the answer type; {@code "yes-no-unknown"} in version 1
 * @param required  whether an answer must be given; no item is required in version 1
 * @param text      the question in Bulgarian and English
 * @param guidance  from version 2, for some items: a note on how to read the question; {@code null} otherwise
 */
public record QuestionnaireItem(String code, String dimension, Strength strength, String type, boolean required,
                                LocalizedText text, LocalizedText guidance) {
    /** The only answer type of version 1. */
    public static final String YES_NO_UNKNOWN = "yes-no-unknown";

    public QuestionnaireItem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
    }
}
