package bg.nrm.service.web;

import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every text a page shows, from {@code messages_bg.properties} and {@code messages_en.properties} (UTF-8). A missing
 * key fails loudly in tests ({@code MessagesTest} checks both bundles hold the same keys) and shows the key on a
 * page rather than a blank.
 */
public final class Messages {
    private static final String BUNDLE = "bg.nrm.service.web.messages";
    private final Map<Lang, ResourceBundle> bundles = new EnumMap<>(Lang.class);

    public Messages() {
        for (Lang lang : Lang.values()) {
            bundles.put(lang, ResourceBundle.getBundle(BUNDLE, lang.locale(), ResourceBundle.Control
                    .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }
    }

    /** The text for {@code key}; {@code {0}}, {@code {1}}… are replaced by {@code args} (no MessageFormat quoting). */
    public String text(Lang lang, String key, Object... args) {
        String text;
        try {
            text = bundles.get(lang).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    /** Whether {@code key} has a text (used for optional texts such as a code's plain-language explanation). */
    public boolean has(Lang lang, String key) {
        return bundles.get(lang).containsKey(key);
    }

    ResourceBundle bundle(Lang lang) {
        return bundles.get(lang);
    }
}
