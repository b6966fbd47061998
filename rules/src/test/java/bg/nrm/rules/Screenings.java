package bg.nrm.rules;

import java.util.HashMap;
import java.util.Map;

/** Builds screening inputs for tests: a questionnaire, a subject and the answers that differ from "unanswered". */
final class Screenings {
    private String questionnaire;
    private Integer version = 1;
    private Integer age;
    private String gender = "female";
    private String citizenship = "BG";
    private String region = "BG-16";
    private boolean ageUncertain;
    private boolean consent = true;
    private boolean restNo = true;
    private Boolean unaccompanied;
    private Boolean asylumSeeker;
    private Boolean exploitedAbroad;
    private String language;
    private final Map<String, String> answers = new HashMap<>();

    private Screenings(String questionnaire, int age) {
        this.questionnaire = questionnaire;
        this.age = age;
    }

    static Screenings child(int age) {
        return new Screenings("child-risk", age);
    }

    static Screenings adult(int age) {
        return new Screenings("adult-risk", age);
    }

    /** A child-risk version 2 screening (ruleset 2.0.0). */
    static Screenings child2(int age) {
        return new Screenings("child-risk", age).questionnaire("child-risk", 2);
    }

    /** An adult-risk version 2 screening (ruleset 2.0.0). */
    static Screenings adult2(int age) {
        return new Screenings("adult-risk", age).questionnaire("adult-risk", 2);
    }

    Screenings unaccompanied() {
        this.unaccompanied = true;
        return this;
    }

    Screenings asylumSeeker() {
        this.asylumSeeker = true;
        return this;
    }

    Screenings exploitedAbroad() {
        this.exploitedAbroad = true;
        return this;
    }

    Screenings language(String language) {
        this.language = language;
        return this;
    }

    Screenings yes(String... codes) {
        return answer("yes", codes);
    }

    Screenings no(String... codes) {
        return answer("no", codes);
    }

    Screenings unknown(String... codes) {
        return answer("unknown", codes);
    }

    Screenings answer(String value, String... codes) {
        for (String code : codes) {
            answers.put(code, value);
        }
        return this;
    }

    /** Leaves the items not answered explicitly unanswered; by default they are answered {@code no}. */
    Screenings restUnanswered() {
        this.restNo = false;
        return this;
    }

    Screenings ageUncertain() {
        this.ageUncertain = true;
        return this;
    }

    Screenings noConsent() {
        this.consent = false;
        return this;
    }

    Screenings questionnaire(String id, Integer version) {
        this.questionnaire = id;
        this.version = version;
        return this;
    }

    Screenings age(Integer age) {
        this.age = age;
        return this;
    }

    Screenings gender(String gender) {
        this.gender = gender;
        return this;
    }

    Screenings citizenship(String citizenship) {
        this.citizenship = citizenship;
        return this;
    }

    Screenings region(String region) {
        this.region = region;
        return this;
    }

    ScreeningInput input() {
        if (restNo && version != null) {
            Questionnaires.builtIn().find(questionnaire, version).ifPresent(q -> q.items().stream()
                    .filter(item -> !answers.containsKey(item.code())).forEach(item -> answers.put(item.code(), "no")));
        }
        return new ScreeningInput(questionnaire, version,
                new Subject(age, gender, citizenship, region, ageUncertain, consent, unaccompanied, asylumSeeker,
                        exploitedAbroad, language), new HashMap<>(answers));
    }

    Assessment assess() {
        return ASSESSOR.assess(input());
    }

    static final RiskAssessor ASSESSOR = RiskAssessor.runningTheRulesEachTime();
}
