package bg.nrm.rules;

import java.util.Optional;

/** An answer to one questionnaire item. Only {@link #YES} counts; an unanswered item is {@link #UNKNOWN}. */
public enum Answer {
    YES, NO, UNKNOWN;

    /**
     * Reads the wire form of an answer.
     *
     * @param value exactly {@code "yes"}, {@code "no"} or {@code "unknown"} (lower case)
     * @return the answer, or empty for anything else, including {@code null}
     */
    public static Optional<Answer> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "yes" -> Optional.of(YES);
            case "no" -> Optional.of(NO);
            case "unknown" -> Optional.of(UNKNOWN);
            default -> Optional.empty();
        };
    }
}
