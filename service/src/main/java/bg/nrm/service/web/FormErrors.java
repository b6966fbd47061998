package bg.nrm.service.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The wrong fields of a submitted form, in the order they appear on the page: the error summary links each one to
 * its field ({@code #id}), and each field shows its own message and is described by it.
 */
public final class FormErrors {
    private final List<FieldError> errors = new ArrayList<>();

    /** One wrong field: the id of the element to focus and the message in the page's language. */
    public record FieldError(String field, String message) {
    }

    public static FormErrors none() {
        return new FormErrors();
    }

    public FormErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** The message for {@code field}, or null. */
    public String message(String field) {
        return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst().orElse(null);
    }

    public List<FieldError> all() {
        return List.copyOf(errors);
    }
}
