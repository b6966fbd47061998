package bg.nrm.rules;

import java.util.List;

/**
 * A screening that cannot be assessed. Carries every field error; neither the message nor the errors repeat a
 * submitted value.
 */
public final class InvalidScreeningException extends RulesException {
    private final List<FieldError> errors;

    public InvalidScreeningException(List<FieldError> errors) {
        super("the screening is invalid: " + errors.size() + " field error(s)");
        this.errors = List.copyOf(errors);
    }

    /** The problems, field by field. */
    public List<FieldError> errors() {
        return errors;
    }
}
