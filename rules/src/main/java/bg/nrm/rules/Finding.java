package bg.nrm.rules;

import java.util.List;
import java.util.Objects;

/**
 * One finding of an assessment: what was found, the rule that found it and the indicators behind it.
 *
 * @param code       a finding code such as {@code TRAFFICKING_INDICATED} (listed in the OpenAPI document, /openapi)
 * @param rule       the name of the rule that produced it, a sentence a social-work expert can read
 * @param indicators the indicator codes behind it, in questionnaire order; for {@code INSUFFICIENT_INFORMATION}
 *                   the strong indicators that were unknown, for every other finding answers that were yes
 */
public record Finding(String code, String rule, List<String> indicators) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rule, "rule");
        indicators = List.copyOf(indicators);
    }
}
