package bg.nrm.service.screening;

import bg.nrm.rules.FieldError;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.http.Problem;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks of the free-text parts of a screening that the rules module does not see: lengths, the date of birth, and
 * the size of the answer set. The questionnaire-specific checks are the rules module's {@code ScreeningValidator}.
 */
final class RequestChecks {
    static final int MAX_NOTES = 10_000;
    static final int MAX_SHORT_TEXT = 200;
    static final int MAX_ANSWERS = 200;

    private RequestChecks() {
    }

    static List<Problem.FieldProblem> check(ScreeningRequest r, LocalDate today) {
        List<Problem.FieldProblem> errors = new ArrayList<>();
        if (r.notes() != null && r.notes().length() > MAX_NOTES) {
            errors.add(new Problem.FieldProblem("notes", "must not exceed " + MAX_NOTES + " characters"));
        }
        if (r.answers() != null && r.answers().size() > MAX_ANSWERS) {
            errors.add(new Problem.FieldProblem("answers", "too many answers"));
        }
        if (r.subject() != null) {
            text(errors, "subject.ref", r.subject().ref());
            CaseContent.Identity id = r.subject().identity();
            if (id != null) {
                text(errors, "subject.identity.name", id.name());
                text(errors, "subject.identity.location", id.location());
                text(errors, "subject.identity.contact", id.contact());
                if (id.dateOfBirth() != null) {
                    try {
                        if (LocalDate.parse(id.dateOfBirth()).isAfter(today)) {
                            errors.add(new Problem.FieldProblem("subject.identity.dateOfBirth", "must not be in the future"));
                        }
                    } catch (DateTimeException e) {
                        errors.add(new Problem.FieldProblem("subject.identity.dateOfBirth", "must be a date as YYYY-MM-DD"));
                    }
                }
            }
        }
        return errors;
    }

    static List<Problem.FieldProblem> fromRules(List<FieldError> errors) {
        return errors.stream().map(e -> new Problem.FieldProblem(e.field(), e.message())).toList();
    }

    private static void text(List<Problem.FieldProblem> errors, String field, String value) {
        if (value != null && value.length() > MAX_SHORT_TEXT) {
            errors.add(new Problem.FieldProblem(field, "must not exceed " + MAX_SHORT_TEXT + " characters"));
        }
    }
}
