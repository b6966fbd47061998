package bg.nrm.service.web;

import bg.nrm.rules.LocalizedText;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.Region;
import bg.nrm.rules.Regions;
import io.helidon.common.parameters.Parameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The screening form, generated from a questionnaire definition: the questions grouped by dimension in the order
 * the definition asks them, each answered Да / Не / Няма информация ("no information" preselected), the subject
 * facts, consent for adults, and notes. Field names are the API's JSON paths ({@code subject.ageYears},
 * {@code answers.CH_MOVED}), so the submitted form maps one to one onto the API's body.
 */
public record ScreeningForm(Questionnaire questionnaire, List<Group> groups, List<Choice> regions,
                            Map<String, String> values, FormErrors errors, String submission) {
    /** The answers every question offers, in the order shown. */
    public static final List<String> ANSWERS = List.of("yes", "no", "unknown");
    /** The genders the API accepts. */
    public static final List<String> GENDERS = List.of("female", "male", "other", "unknown");
    /** Fields that are check boxes: sent as {@code true} when ticked, absent otherwise. */
    static final List<String> CHECKBOXES = List.of("subject.ageUncertain", "consent.identifiedReferral");
    /** Fields that hold whole numbers. */
    static final List<String> NUMBERS = List.of("subject.ageYears");

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
        List<Choice> regions = Regions.builtIn().all().stream().sorted(Comparator.comparing(Region::code))
                .map(r -> new Choice(r.code(), r.nameBg(), r.nameEn())).toList();
        return new ScreeningForm(questionnaire, groups, regions, values, errors, submission);
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
     * are left out (the API treats them as absent); numbers and check boxes get their JSON types. A number that is
     * not one is reported on its field instead.
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
            if (NUMBERS.contains(name)) {
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
