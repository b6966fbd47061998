package bg.nrm.rules;

import java.util.Objects;

/** A text in Bulgarian (the default) and English. */
public record LocalizedText(String bg, String en) {
    public LocalizedText {
        Objects.requireNonNull(bg, "bg");
        Objects.requireNonNull(en, "en");
    }
}
