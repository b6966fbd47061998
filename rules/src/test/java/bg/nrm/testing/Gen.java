package bg.nrm.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Draws the values of one generated case. Every value comes from one seeded random source, so the same seed always
 * draws the same case.
 */
public final class Gen {
    private final SplittableRandom random;

    Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A value from {@code min} to {@code max}, both included. */
    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    /** A value from {@code min} to {@code max}, both included. */
    public long between(long min, long max) {
        return random.nextLong(min, max + 1);
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    /** One of the items, each as likely as the others. */
    public <T> T oneOf(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** One value drawn from an option chosen in proportion to its weight (weights of zero never chosen). */
    @SafeVarargs
    public final <T> T frequency(Weighted<T>... options) {
        int total = 0;
        for (Weighted<T> o : options) {
            total += o.weight();
        }
        int pick = random.nextInt(total);
        for (Weighted<T> o : options) {
            pick -= o.weight();
            if (pick < 0) {
                return o.value().get();
            }
        }
        throw new IllegalStateException("weights changed while drawing");
    }

    /** {@code size} values, each drawn by {@code element}. */
    public <T> List<T> list(int size, Supplier<T> element) {
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(element.get());
        }
        return out;
    }

    /** An option of {@link #frequency}: how often, and how to draw its value. */
    public record Weighted<T>(int weight, Supplier<T> value) {
        public Weighted {
            if (weight < 0) {
                throw new IllegalArgumentException("weight must not be negative");
            }
        }

        public static <T> Weighted<T> of(int weight, Supplier<T> value) {
            return new Weighted<>(weight, value);
        }
    }
}
