package bg.nrm.service.web;

import bg.nrm.rules.LocalizedText;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.Region;
import bg.nrm.rules.Regions;
import io.helidon.common.parameters.Parameters;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The screening form, generated from a questionnaire definition: the questions grouped by dimension in the order
 * the definition asks them, each answered Да / Не / Няма информация ("no information" preselected), the subject
 * facts, consent for adults, and notes. Field names are the API's JSON paths ({@code subject.ageYears},
 * {@code answers.CH_MOVED}), so the submitted form maps one to one onto the API's body. From version 2 the
 * questionnaire's preamble, its answer labels and its subject facts ({@code subject.unaccompanied}, …) come from the
 * definition too, each fact's input chosen by its type.
 */
public record ScreeningForm(Questionnaire questionnaire, List<Group> groups, List<Fact> facts, List<Choice> regions,
                            Map<String, String> values, FormErrors errors, String submission) {
    /** The answers every question offers, in the order shown. */
    public static final List<String> ANSWERS = List.of("yes", "no", "unknown");
    /** The genders the API accepts. */
    public static final List<String> GENDERS = List.of("female", "male", "other", "unknown");
    /** Fields that are check boxes: sent as {@code true} when ticked, absent otherwise. */
    static final List<String> CHECKBOXES = List.of("subject.ageUncertain", "consent.identifiedReferral");
    /** Fields that hold whole numbers. */
    static final List<String> NUMBERS = List.of("subject.ageYears");
    /** The values a yes/no subject fact offers: true, false, or no information (left out of the body). */
    public static final List<String> FACT_ANSWERS = List.of("true", "false", "unknown");
    private static final Map<Lang, List<Choice>> LANGUAGES = languageChoices();

    /**
     * A subject fact the questionnaire asks (version 2 on): the form field ({@code subject.<name>}), its type as the
     * definition gives it ({@code boolean}: Да / Не / Няма информация; {@code language}: a list of ISO 639-1
     * languages; {@code number}: a number input; anything else: a text input) and the question in both languages.
     */
    public record Fact(String name, String field, String type, LocalizedText text) {
        public String text(Lang lang) {
            return lang == Lang.EN ? text.en() : text.bg();
        }

        public boolean yesNo() {
            return "boolean".equals(type);
        }

        public boolean language() {
            return "language".equals(type);
        }

        public boolean number() {
            return numberType(type);
        }
    }

    /** The questions of one dimension. */
    public record Group(String dimension, List<Question> questions) {
    }

    /** One question: its code, the form field, the wording in both languages. */
    public record Question(String code, String field, LocalizedText text) {
        public String text(Lang lang) {
            return lang == Lang.EN ? text.en() : text.bg();
        }
    }

    /** One option of a list: the value sent and the text shown in each language. */
    public record Choice(String value, String bg, String en) {
        public String label(Lang lang) {
            return lang == Lang.EN ? en : bg;
        }
    }

    /** A new form for {@code questionnaire}; {@code values} pre-fill it (a re-shown form keeps what was entered). */
    public static ScreeningForm of(Questionnaire questionnaire, Map<String, String> values, FormErrors errors,
                                   String submission) {
        Map<String, List<Question>> byDimension = new LinkedHashMap<>();
        for (QuestionnaireItem item : questionnaire.items()) {
            byDimension.computeIfAbsent(item.dimension(), d -> new ArrayList<>())
                    .add(new Question(item.code(), "answers." + item.code(), item.text()));
        }
        List<Group> groups = byDimension.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList();
        List<Fact> facts = questionnaire.subjectFacts().stream()
                .map(f -> new Fact(f.name(), "subject." + f.name(), f.type(), f.text())).toList();
        List<Choice> regions = Regions.builtIn().all().stream().sorted(Comparator.comparing(Region::code))
                .map(r -> new Choice(r.code(), r.nameBg(), r.nameEn())).toList();
        return new ScreeningForm(questionnaire, groups, facts, regions, values, errors, submission);
    }

    /** The questionnaire's preamble in {@code lang}, or null (version 1 has none). */
    public String preamble(Lang lang) {
        LocalizedText p = questionnaire.preamble();
        return p == null ? null : lang == Lang.EN ? p.en() : p.bg();
    }

    /**
     * The words for an answer ({@code yes}, {@code no}, {@code unknown}): the questionnaire's own labels where it
     * carries them (version 2), else the page's texts.
     */
    public String answerLabel(String answer, Page page) {
        return questionnaire.answerLabels().stream().filter(l -> l.value().equals(answer)).findFirst()
                .map(l -> page.lang() == Lang.EN ? l.label().en() : l.label().bg())
                .orElseGet(() -> page.t("answer." + answer));
    }

    /** The answer word shown beside a yes/no fact's value ({@code true} is "yes"). */
    public String factAnswerLabel(String value, Page page) {
        return answerLabel(switch (value) {
            case "true" -> "yes";
            case "false" -> "no";
            default -> "unknown";
        }, page);
    }

    /** The value selected for a yes/no fact: what was submitted, else "no information". */
    public String factAnswer(String field) {
        String v = values.get(field);
        return v == null || !FACT_ANSWERS.contains(v) ? "unknown" : v;
    }

    /** The ISO 639-1 languages, named in {@code lang} with their code, in that language's alphabetical order. */
    public static List<Choice> languages(Lang lang) {
        return LANGUAGES.get(lang);
    }

    private static Map<Lang, List<Choice>> languageChoices() {
        List<Choice> all = new ArrayList<>();
        for (String code : Locale.getISOLanguages()) {
            Locale language = Locale.of(code);
            String en = language.getDisplayLanguage(Locale.ENGLISH);
            String bg = language.getDisplayLanguage(Locale.of("bg"));
            en = en.isBlank() || en.equals(code) ? code : en;
            bg = bg.isBlank() || bg.equals(code) ? en : bg;
            all.add(new Choice(code, bg + " (" + code + ")", en + " (" + code + ")"));
        }
        Map<Lang, List<Choice>> byLang = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            Collator order = Collator.getInstance(lang == Lang.EN ? Locale.ENGLISH : Locale.of("bg"));
            byLang.put(lang, all.stream().sorted(Comparator.comparing((Choice c) -> c.label(lang), order)).toList());
        }
        return byLang;
    }

    public boolean adult() {
        return Questionnaire.ADULT.equals(questionnaire.subject());
    }

    public String title(Lang lang) {
        return lang == Lang.EN ? questionnaire.title().en() : questionnaire.title().bg();
    }

    /** The value entered for {@code field}, or empty. */
    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    /** The answer selected for a question: what was submitted, else "no information". */
    public String answer(String field) {
        String v = values.get(field);
        return v == null || !ANSWERS.contains(v) ? "unknown" : v;
    }

    public boolean checked(String field) {
        return "true".equals(values.get(field));
    }

    /** The submitted fields, as entered, for showing the form again. Only fields of the API's body are kept. */
    static Map<String, String> values(Parameters form) {
        Map<String, String> values = new TreeMap<>();
        for (String name : form.names()) {
            if (!name.startsWith("_")) {
                values.put(name, form.first(name).asOptional().orElse("").strip());
            }
        }
        return values;
    }

    /**
     * The API's body built from the form's fields: each dotted name becomes a path in the JSON object; blank fields
     * are left out (the API treats them as absent); numbers, check boxes and yes/no subject facts get their JSON
     * types (a fact left at "no information" is left out). A number that is not one is reported on its field instead.
     */
    static Map<String, Object> body(Questionnaire questionnaire, Map<String, String> values, FormErrors errors,
                                    Messages messages, Lang lang) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("questionnaire", questionnaire.id());
        body.put("questionnaireVersion", questionnaire.version());
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (value.isEmpty() || name.equals("questionnaire") || name.equals("questionnaireVersion")) {
                continue;
            }
            Object typed = value;
            Questionnaire.SubjectFact fact = name.startsWith("subject.")
                    ? questionnaire.subjectFacts().stream().filter(f -> name.equals("subject." + f.name()))
                    .findFirst().orElse(null) : null;
            if (fact != null && "boolean".equals(fact.type())) {
                if (value.equals("unknown")) {
                    continue;
                }
                if (!value.equals("true") && !value.equals("false")) {
                    errors.add(name, messages.text(lang, "form.error.yesNo"));
                    continue;
                }
                typed = Boolean.parseBoolean(value);
            } else if (NUMBERS.contains(name) || fact != null && numberType(fact.type())) {
                try {
                    typed = Integer.parseInt(value);
                } catch (NumberFormatException ex) {
                    errors.add(name, messages.text(lang, "form.error.wholeNumber"));
                    continue;
                }
            } else if (CHECKBOXES.contains(name)) {
                typed = Boolean.parseBoolean(value);
            }
            put(body, name, typed);
        }
        return body;
    }

    private static boolean numberType(String type) {
        return "number".equals(type) || "integer".equals(type);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> body, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> at = body;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = at.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            if (!(next instanceof Map)) {
                return;
            }
            at = (Map<String, Object>) next;
        }
        at.put(parts[parts.length - 1], value);
    }
}
