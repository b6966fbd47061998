package bg.nrm.rules.routing;

import bg.nrm.rules.FactQuestions;
import bg.nrm.rules.RulesException;

import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The routing rules' decisions, remembered by the answers a case gives to every question the rules can ask of it.
 *
 * <p>The routing rules read one fact ({@link Subject} or {@link Case}) through its public getters and write a
 * {@link Decision}; they read nothing else. So two cases that answer every getter alike get the same decision, and
 * the rules need to run once per such combination, not once per screening: there are few combinations (a level and a
 * handful of yes/no questions), and most screenings are NONE or LOW with the same answers. The questions are found
 * from the fact's class itself, so a getter added for a new rule is part of the key without anyone remembering to
 * add it. Which organisation receives a referral depends on the directory and the person's age and gender, and is
 * still resolved per screening by the {@link Router}.
 */
final class Decisions {
    // Far more than the combinations the rules can tell apart in practice; past it a decision is not remembered, so a
    // fact that varies without bound (a getter added with a free-text answer) costs memory no more than this.
    private static final int MAX_REMEMBERED = 4096;

    private final Class<?> factClass;
    private final List<MethodHandle> questions;
    private final ConcurrentHashMap<List<Object>, Decision> remembered = new ConcurrentHashMap<>();

    Decisions(Class<?> factClass) {
        this.factClass = factClass;
        this.questions = FactQuestions.of(factClass, "routing");
    }

    /** The decision for this case: the remembered one, else the rules' (remembered when they decide without error). */
    Decision decide(Object fact, Function<Object, Decision> rules) {
        List<Object> answers = answersOf(fact);
        Decision decision = remembered.get(answers);
        if (decision != null) {
            return decision;
        }
        decision = rules.apply(fact).seal();
        if (remembered.size() < MAX_REMEMBERED) {
            Decision earlier = remembered.putIfAbsent(answers, decision);
            return earlier != null ? earlier : decision;
        }
        return decision;
    }

    /** What the case answers to each question the rules can ask, in the order of the getters' names. */
    List<Object> answersOf(Object fact) {
        if (fact.getClass() != factClass) {
            throw new RulesException("routing decisions are kept for " + factClass.getSimpleName() + " facts only");
        }
        Object[] answers = new Object[questions.size()];
        try {
            for (int i = 0; i < answers.length; i++) {
                answers[i] = (Object) questions.get(i).invokeExact(fact);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new RulesException("a routing fact could not be read", e);
        }
        return Arrays.asList(answers);
    }

    /** How many decisions are remembered (for tests). */
    int size() {
        return remembered.size();
    }
}
