package bg.nrm.service.web;

/**
 * Ends a page handler with an error page of the given status (401 sends to sign-in, 403 "not allowed", 404 "not
 * found", 409 "already done"); {@link Web#guard} renders it in the visitor's language. Carries no input.
 */
public final class PageException extends RuntimeException {
    private final int status;

    public PageException(int status) {
        super("page error " + status, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
