package bg.nrm.rules;

import java.util.Objects;

/**
 * One piece of advice or one notice for a person, in Bulgarian (the default) and English: for the screener in an
 * assessment, or for a recipient in the envelope of a referral. The code is stable, so software (the referral
 * document, a web page) can lay the texts out or pick one language without parsing sentences.
 *
 * @param code a stable upper-case code, for example {@code REPORT_CHILD_NOW}
 * @param text the sentence in Bulgarian and English
 */
public record Advice(String code, LocalizedText text) {
    public Advice {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
    }
}
