package bg.nrm.rules;

/** Base of every exception the rules module throws; messages carry codes and ids, never personal data. */
public class RulesException extends RuntimeException {
    public RulesException(String message) {
        super(message);
    }

    public RulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
