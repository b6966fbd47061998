package bg.nrm.service.http;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} lists each bad field for validation problems. Neither
 * {@code detail} nor a field message ever repeats what the client sent.
 */
public record Problem(String type, String title, int status, String detail, List<FieldProblem> errors) {

    /** One wrong field: its path in the request ({@code subject.ageYears}) and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }
}
