package bg.nrm.service;

import bg.nrm.service.http.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/** Screening request bodies for tests, built as a care worker would fill them in. */
public final class Screenings {
    private Screenings() {
    }

    /**
     * A 15-year-old girl in Plovdiv, moved by others (the act), made to provide sexual services and unpaid (a positive
     * exploitation dimension): trafficking indicated for a child, level HIGH.
     */
    public static Map<String, Object> highRiskChild(String region) {
        Map<String, Object> body = base("child-risk", 15, region);
        body.put("answers", new LinkedHashMap<>(Map.of("CH_MOVED", "yes", "EX_SEXUAL", "yes", "EX_NO_PAY", "yes",
                "CH_MISSING_EPISODES", "yes", "DR_EDUCATION", "no", "CD_DOCS_TAKEN", "unknown")));
        return body;
    }

    /** A child with no indicator answered yes: level NONE, nobody is told. */
    public static Map<String, Object> noRiskChild() {
        Map<String, Object> body = base("child-risk", 12, "BG-16");
        body.put("answers", new LinkedHashMap<>(Map.of("CH_MOVED", "no", "EX_SEXUAL", "no")));
        return body;
    }

    public static Map<String, Object> base(String questionnaire, int age, String region) {
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("ref", "CASE-2026-0042");
        subject.put("ageYears", age);
        subject.put("gender", "female");
        subject.put("citizenship", "BG");
        subject.put("region", region);
        subject.put("ageUncertain", false);
        subject.put("identity", new LinkedHashMap<>(Map.of("name", "Мария Иванова Петрова",
                "dateOfBirth", "2011-04-02", "location", "ул. Тестова 7, Пловдив", "contact", "+359888000111")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("questionnaire", questionnaire);
        body.put("questionnaireVersion", 1);
        body.put("subject", subject);
        body.put("consent", Map.of("identifiedReferral", true));
        body.put("notes", "Бележка: момичето разказва за възрастен мъж, който я вози до Гърция.");
        return body;
    }

    public static String json(Map<String, Object> body) {
        return Json.writeString(body);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> subject(Map<String, Object> body) {
        return (Map<String, Object>) body.get("subject");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> answers(Map<String, Object> body) {
        return (Map<String, Object>) body.get("answers");
    }
}
