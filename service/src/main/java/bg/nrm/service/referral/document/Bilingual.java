package bg.nrm.service.referral.document;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A text in Bulgarian and English. {@code bg} may be null only where the source had English alone (the
 * recommendations of ruleset 1.x); renderers then say so rather than invent a translation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Bilingual(String bg, String en) {
    public static Bilingual of(String bg, String en) {
        return new Bilingual(bg, en);
    }
}
