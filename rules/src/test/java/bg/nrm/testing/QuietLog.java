package bg.nrm.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps what one logger writes for the length of a try block instead of printing it: a test that provokes an
 * expected failure (a broken rule, an unreachable webhook, an escalation with nowhere to go) keeps the build log free
 * of lines that would read like a real failure, and can assert on what was logged. Other loggers print as usual.
 */
public final class QuietLog implements AutoCloseable {
    private final Logger logger; // held, so that the settings made here are not lost with a collected logger
    private final boolean usedParentHandlers;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler keeper = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                messages.add(record.getLevel() + " " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private QuietLog(String name) {
        this.logger = Logger.getLogger(name);
        this.usedParentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(keeper);
    }

    /** Keeps what the logger named {@code name} writes until {@link #close()}. */
    public static QuietLog of(String name) {
        return new QuietLog(name);
    }

    /** Keeps what the logger of {@code type} (the usual {@code Logger.getLogger(type.getName())}) writes. */
    public static QuietLog of(Class<?> type) {
        return new QuietLog(type.getName());
    }

    /** Runs {@code action} with the logger named {@code name} kept quiet, and returns its result. */
    public static <T> T during(String name, Supplier<T> action) {
        QuietLog quiet = of(name);
        try {
            return action.get();
        } finally {
            quiet.close();
        }
    }

    /** Runs {@code action} with the logger of {@code type} kept quiet, and returns its result. */
    public static <T> T during(Class<?> type, Supplier<T> action) {
        return during(type.getName(), action);
    }

    /** What was logged so far, each as its level and message (parameters not filled in). */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        logger.removeHandler(keeper);
        logger.setUseParentHandlers(usedParentHandlers);
    }
}
