package bg.nrm.rules.routing;

import bg.nrm.rules.RulesException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal fact: what the routing rules decided for one request. The rules write to it from their consequences; the
 * {@link Router} reads it afterwards. One instance per rule execution, so no state is shared between requests.
 * Public only because the rule engine's generated code lives in sub-packages; it cannot be created or read outside
 * this package.
 */
public final class Decision {
    private final Map<Recipient, Need> needs = new EnumMap<>(Recipient.class);
    private final List<String> advice = new ArrayList<>();
    private final Set<String> firedRules = new LinkedHashSet<>();

    Decision() {
    }

    /** The recipient receives the subject's identity. */
    public void identified(Recipient recipient, Duration deadline, String rule) {
        add(new Need(recipient, false, deadline, rule, false));
    }

    /** The recipient receives no identity: region, age band, gender, level and findings only. */
    public void anonymised(Recipient recipient, Duration deadline, String rule) {
        add(new Need(recipient, true, deadline, rule, false));
    }

    /** The recipient receives the identity of an adult who did not consent, because of risk to life. */
    public void identifiedOverridingRefusal(Recipient recipient, Duration deadline, String rule) {
        add(new Need(recipient, false, deadline, rule, true));
    }

    /** A sentence for the screener. */
    public void advise(String sentence, String rule) {
        advice.add(sentence);
        firedRules.add(rule);
    }

    private void add(Need need) {
        if (needs.putIfAbsent(need.recipient(), need) != null) {
            // Two rules deciding the same recipient is a fault in the rules, never a choice to make at run time.
            throw new RulesException("routing rules decided " + need.recipient() + " twice");
        }
        firedRules.add(need.rule());
    }

    /** The needs in target order. */
    List<Need> needs() {
        return List.copyOf(needs.values());
    }

    List<String> advice() {
        return Collections.unmodifiableList(advice);
    }

    /** The names of the rules that fired, in firing order (for tests and explanations). */
    Set<String> firedRules() {
        return Collections.unmodifiableSet(firedRules);
    }
}
