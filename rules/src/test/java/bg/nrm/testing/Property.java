package bg.nrm.testing;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property over generated cases. Each run starts from a fresh random seed, so every build tries new cases;
 * when a case fails, the assertion error names its seed and the command that replays exactly that case:
 * {@code ./mvnw -B -pl rules verify -Dtest='AssessmentPropertiesTest#deterministic' -Dnrm.property.seed=<seed>}.
 */
public final class Property {
    /** The system property that replays one case instead of drawing new ones. */
    public static final String SEED = "nrm.property.seed";

    private Property() {
    }

    /** Checks {@code property} on {@code tries} cases, or on the one case whose seed {@value #SEED} names. */
    public static void forAll(int tries, Consumer<Gen> property) {
        String given = System.getProperty(SEED);
        if (given != null && !given.isBlank()) {
            check(Long.parseLong(given.strip()), 1, 1, property);
            return;
        }
        SplittableRandom seeds = new SplittableRandom(new SecureRandom().nextLong());
        for (int i = 1; i <= tries; i++) {
            check(seeds.nextLong(), i, tries, property);
        }
    }

    private static void check(long seed, int attempt, int tries, Consumer<Gen> property) {
        try {
            property.accept(new Gen(seed));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("property failed on case " + attempt + " of " + tries + ", seed " + seed
                    + "; replay it with -Dtest='" + testName() + "' -D" + SEED + "=" + seed + "\n" + e.getMessage(), e);
        }
    }

    // The test method that called forAll, so that the replay command can be pasted as it is.
    private static String testName() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> f.getDeclaringClass() != Property.class)
                .findFirst()
                .map(f -> f.getDeclaringClass().getSimpleName() + "#" + f.getMethodName())
                .orElse("?"));
    }
}
