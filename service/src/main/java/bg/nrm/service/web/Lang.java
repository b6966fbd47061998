package bg.nrm.service.web;

import java.util.Locale;
import java.util.Optional;

/** The languages of the pages: Bulgarian (the default) and English. */
public enum Lang {
    BG("bg", Locale.forLanguageTag("bg-BG")),
    EN("en", Locale.UK);

    /** The cookie that remembers a visitor's choice. */
    public static final String COOKIE = "nrm_lang";

    private final String code;
    private final Locale locale;

    Lang(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    /** The BCP 47 code used in {@code lang} attributes, the cookie and the switch's address. */
    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    /** The other language, offered by the switch in the header. */
    public Lang other() {
        return this == BG ? EN : BG;
    }

    /** The language with this code, if it is one of ours. */
    public static Optional<Lang> of(String code) {
        for (Lang l : values()) {
            if (l.code.equals(code)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
