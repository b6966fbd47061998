package bg.nrm.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The telephone numbers that advice and notices name (112, 116 111, the National Commission, the domestic-violence
 * helplines), kept in one data file, {@code ruleset2/helplines.json}, each with its source and the date it was
 * checked. Texts name a number as {@code {id}}, for example {@code {children}}; {@link #fill} puts the number in.
 */
public final class Helplines {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9-]+)}");
    private static final Helplines BUILT_IN = load();

    private final Map<String, Helpline> byId;

    private Helplines(Map<String, Helpline> byId) {
        this.byId = byId;
    }

    /** One helpline: its number, its name in both languages, when it answers and where the number was checked. */
    public record Helpline(String id, String number, LocalizedText name, String hours, String source) {
    }

    private record File(String checked, String note, List<Helpline> helplines) {
    }

    /** The helplines shipped with the module. */
    public static Helplines builtIn() {
        return BUILT_IN;
    }

    /** Every helpline, in file order. */
    public List<Helpline> all() {
        return List.copyOf(byId.values());
    }

    /** The number of the helpline {@code id}. */
    public String number(String id) {
        Helpline h = byId.get(id);
        if (h == null) {
            throw new RulesException("no helpline " + id + " in helplines.json");
        }
        return h.number();
    }

    /** The text with each {@code {id}} replaced by that helpline's number; an unknown id is an error. */
    public String fill(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(number(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Both languages filled. */
    public LocalizedText fill(LocalizedText text) {
        return new LocalizedText(fill(text.bg()), fill(text.en()));
    }

    private static Helplines load() {
        ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try (InputStream in = Helplines.class.getResourceAsStream("ruleset2/helplines.json")) {
            if (in == null) {
                throw new RulesException("ruleset2/helplines.json is missing from the rules module");
            }
            Map<String, Helpline> byId = new LinkedHashMap<>();
            for (Helpline h : json.readValue(in, File.class).helplines()) {
                byId.put(h.id(), h);
            }
            return new Helplines(byId);
        } catch (IOException e) {
            throw new RulesException("ruleset2/helplines.json cannot be read", e);
        }
    }
}
