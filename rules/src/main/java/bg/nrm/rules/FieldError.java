package bg.nrm.rules;

/**
 * One validation problem: the path of the field that is wrong (for example {@code subject.ageYears} or
 * {@code answers.DR_WAGES}) and a message that never repeats the submitted value.
 */
public record FieldError(String field, String message) {
}
