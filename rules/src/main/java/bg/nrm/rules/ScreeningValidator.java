package bg.nrm.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a screening field by field before it is assessed (INDICATORS.md rule 7): anything the questionnaire does not
 * ask, an age outside its range, an answer other than yes/no/unknown or an unknown region is an error, never a guess.
 * Every problem is reported; no message repeats a submitted value.
 */
public final class ScreeningValidator {
    private static final Set<String> GENDERS = Set.of("female", "male", "other", "unknown");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    // A key that does not look like a code could be anything, personal data included, so it is not put in a path.
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final Questionnaires questionnaires;
    private final Regions regions;

    private ScreeningValidator(Questionnaires questionnaires, Regions regions) {
        this.questionnaires = questionnaires;
        this.regions = regions;
    }

    /** A validator over these questionnaires and the built-in regions. */
    public static ScreeningValidator create(Questionnaires questionnaires) {
        return new ScreeningValidator(questionnaires, Regions.builtIn());
    }

    /**
     * Every problem of the screening, in field order ({@code questionnaire}, {@code questionnaireVersion},
     * {@code subject…}, then {@code answers.<CODE>} by code); empty when it can be assessed.
     */
    public List<FieldError> validate(ScreeningInput input) {
        List<FieldError> errors = new ArrayList<>();
        if (input == null) {
            errors.add(new FieldError("questionnaire", "is required"));
            errors.add(new FieldError("questionnaireVersion", "is required"));
            errors.add(new FieldError("subject", "is required"));
            return errors;
        }
        Questionnaire questionnaire = questionnaire(input, errors).orElse(null);
        subject(input.subject(), questionnaire, errors);
        subjectFacts(input.subject(), questionnaire, errors);
        answers(input.answers(), questionnaire == null ? null : questionnaires.codes(questionnaire),
                questionnaire == null ? null : laterVersionAsking(questionnaire), errors);
        return errors;
    }

    private Optional<Questionnaire> questionnaire(ScreeningInput input, List<FieldError> errors) {
        String id = input.questionnaireId();
        boolean known = id != null && questionnaires.latest(id).isPresent();
        if (id == null || id.isBlank()) {
            errors.add(new FieldError("questionnaire", "is required"));
        } else if (!known) {
            errors.add(new FieldError("questionnaire", "is not a known questionnaire"));
        }
        Integer version = input.questionnaireVersion();
        if (version == null) {
            errors.add(new FieldError("questionnaireVersion", "is required"));
            return Optional.empty();
        }
        if (!known) {
            return Optional.empty();
        }
        Optional<Questionnaire> found = questionnaires.find(id, version);
        if (found.isEmpty()) {
            errors.add(new FieldError("questionnaireVersion", "is not a known version of this questionnaire"));
        }
        return found;
    }

    private void subject(Subject subject, Questionnaire questionnaire, List<FieldError> errors) {
        if (subject == null) {
            errors.add(new FieldError("subject", "is required"));
            return;
        }
        Integer age = subject.ageYears();
        if (age == null) {
            errors.add(new FieldError("subject.ageYears", "is required; give the best estimate when the age is uncertain"));
        } else if (age < 0) {
            errors.add(new FieldError("subject.ageYears", "must not be negative"));
        } else if (questionnaire != null && questionnaire.version() >= 2
                && Questionnaire.ADULT.equals(questionnaire.subject()) && age < questionnaire.minAge()) {
            // From version 2 a person who may be under 18 is screened with the child questionnaire; one whose age is
            // uncertain but at least 18 may still be screened as an adult and is then treated as a child (18-20).
            errors.add(new FieldError("subject.ageYears", "is under " + questionnaire.minAge()
                    + ": use the child questionnaire child-risk, also when the age is uncertain"));
        } else if (questionnaire != null && !inRange(age, subject.ageUncertain(), questionnaire)) {
            errors.add(new FieldError("subject.ageYears", "is outside the ages this questionnaire is for ("
                    + questionnaire.minAge() + " to " + questionnaire.maxAge() + ")"));
        }
        if (subject.gender() == null) {
            errors.add(new FieldError("subject.gender", "is required: female, male, other or unknown"));
        } else if (!GENDERS.contains(subject.gender())) {
            errors.add(new FieldError("subject.gender", "must be female, male, other or unknown"));
        }
        // Citizenship may be unknown to the screener (absent), but when given it must be a real code.
        if (subject.citizenship() != null && !COUNTRIES.contains(subject.citizenship())) {
            errors.add(new FieldError("subject.citizenship", "must be an ISO 3166-1 alpha-2 code in capitals, such as BG"));
        }
        if (subject.region() == null) {
            errors.add(new FieldError("subject.region", "is required: a region code from BG-01 to BG-28"));
        } else if (!regions.isValid(subject.region())) {
            errors.add(new FieldError("subject.region", "must be a region code from BG-01 to BG-28"));
        }
    }

    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    // The subject facts version 2 added: accepted only where the questionnaire version asks them, checked by type.
    private static void subjectFacts(Subject subject, Questionnaire questionnaire, List<FieldError> errors) {
        if (subject == null || questionnaire == null) {
            return;
        }
        boolean adultVersionTwo = questionnaire.version() >= 2 && Questionnaire.ADULT.equals(questionnaire.subject());
        fact(subject.unaccompanied() != null && !adultVersionTwo, "unaccompanied", questionnaire, errors);
        fact(subject.asylumSeeker() != null, "asylumSeeker", questionnaire, errors);
        fact(subject.exploitedAbroad() != null, "exploitedAbroad", questionnaire, errors);
        fact(subject.language() != null, "language", questionnaire, errors);
        if (subject.language() != null && questionnaire.asksSubjectFact("language")
                && !LANGUAGES.contains(subject.language())) {
            errors.add(new FieldError("subject.language", "must be an ISO 639-1 language code in small letters, such as bg"));
        }
        if (subject.unaccompanied() != null && adultVersionTwo) {
            errors.add(new FieldError("subject.unaccompanied", "applies only to a child: use the child questionnaire child-risk"));
        }
    }

    private static void fact(boolean given, String name, Questionnaire questionnaire, List<FieldError> errors) {
        if (given && !questionnaire.asksSubjectFact(name)) {
            errors.add(new FieldError("subject." + name, "is asked only from version 2 of this questionnaire"));
        }
    }

    // The newest version of the same questionnaire, if newer than this one: it may ask codes this one does not.
    private Set<String> laterVersionAsking(Questionnaire questionnaire) {
        return questionnaires.latest(questionnaire.id())
                .filter(latest -> latest.version() > questionnaire.version())
                .map(questionnaires::codes)
                .orElse(Set.of());
    }

    // Age in doubt (UNODC): someone who may be under 18 can be screened with the adult questionnaire and is then
    // assessed as a child; so an uncertain age below an adult questionnaire's range is accepted.
    private static boolean inRange(int age, boolean ageUncertain, Questionnaire questionnaire) {
        if (age > questionnaire.maxAge()) {
            return false;
        }
        return age >= questionnaire.minAge() || ageUncertain && Questionnaire.ADULT.equals(questionnaire.subject());
    }

    // What Answer.parse accepts, without building an Optional per answer (validation runs on every assessment).
    private static boolean isAnswer(String value) {
        return "yes".equals(value) || "no".equals(value) || "unknown".equals(value);
    }

    private static void answers(Map<String, String> answers, Set<String> asked, Set<String> askedLater,
                                List<FieldError> errors) {
        if (answers == null || answers.isEmpty()) {
            return;
        }
        boolean strayKey = false;
        List<FieldError> answerErrors = new ArrayList<>();
        for (Map.Entry<String, String> e : answers.entrySet()) {
            String code = e.getKey();
            boolean isAsked = asked != null && code != null && asked.contains(code);
            if (!isAsked && (code == null || !CODE.matcher(code).matches())) {
                strayKey = true;
                continue;
            }
            if (asked != null && !isAsked) {
                answerErrors.add(new FieldError("answers." + code, askedLater != null && askedLater.contains(code)
                        ? "is asked only by a later version of this questionnaire: send questionnaireVersion "
                        + "accordingly" : "is not asked by this questionnaire version"));
            }
            if (!isAnswer(e.getValue())) {
                answerErrors.add(new FieldError("answers." + code, "must be yes, no or unknown"));
            }
        }
        if (strayKey) {
            errors.add(new FieldError("answers", "holds a key that is not a question code"));
        }
        // Map order is arbitrary; errors come out by code, each code's errors in the order found.
        answerErrors.sort(Comparator.comparing(FieldError::field));
        errors.addAll(answerErrors);
    }
}
