package bg.nrm.rules.routing;

import bg.nrm.rules.RulesException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal fact: what the routing rules decided for one request. The rules write to it from their consequences; then
 * it is sealed and the {@link Router} only reads it, for this request and for later ones whose case answers every
 * question of the rules alike ({@link Decisions}).
 * Public only because the rule engine's generated code lives in sub-packages; it cannot be created or read outside
 * this package.
 */
public final class Decision {
    private final Map<Recipient, Need> needs = new EnumMap<>(Recipient.class);
    private final List<String> advice = new ArrayList<>();
    private final Set<String> firedRules = new LinkedHashSet<>();
    private final Set<EnvelopeNotice> noticesToAll = EnumSet.noneOf(EnvelopeNotice.class);
    private final Map<Recipient, Set<EnvelopeNotice>> noticesTo = new EnumMap<>(Recipient.class);
    private final Set<RoutingAdvice> guidance = EnumSet.noneOf(RoutingAdvice.class);
    // Set once the rules have run: a sealed decision is only read, so it can be shared between screenings and threads.
    private boolean sealed;

    Decision() {
    }

    /** Ends the rules' writing: from now on the decision is only read (and may be shared). Returns this decision. */
    Decision seal() {
        sealed = true;
        return this;
    }

    private void writable() {
        if (sealed) {
            throw new RulesException("a routing decision is final once the rules have run");
        }
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
        writable();
        advice.add(sentence);
        firedRules.add(rule);
    }

    /** Ruleset 2.x: the recipient receives the identity; merged with any other rule asking for the same recipient. */
    public void tell(Recipient recipient, Duration deadline, String rule) {
        merge(new Need(recipient, false, deadline, rule, false));
    }

    /** Ruleset 2.x: the recipient receives no identity; merged with any other rule asking for the same recipient. */
    public void tellAnonymised(Recipient recipient, Duration deadline, String rule) {
        merge(new Need(recipient, true, deadline, rule, false));
    }

    /**
     * Ruleset 2.x: the police receive the identity of an adult who did not consent, because of a risk to life; the
     * envelope carries the minimum only (identity, location, contact, the danger, the referrer's contacts).
     */
    public void tellPoliceOverridingRefusal(Duration deadline, String rule) {
        merge(new Need(Recipient.POLICE, false, deadline, rule, true, true));
    }

    /** Ruleset 2.x: every envelope of this case carries the notice. */
    public void noticeToAll(EnvelopeNotice notice, String rule) {
        writable();
        noticesToAll.add(notice);
        firedRules.add(rule);
    }

    /** Ruleset 2.x: the envelope to this recipient, if it is told, carries the notice. */
    public void noticeTo(Recipient recipient, EnvelopeNotice notice, String rule) {
        writable();
        noticesTo.computeIfAbsent(recipient, r -> EnumSet.noneOf(EnvelopeNotice.class)).add(notice);
        firedRules.add(rule);
    }

    /** Ruleset 2.x: advice for the screener about the routing, in Bulgarian and English. */
    public void guide(RoutingAdvice advice, String rule) {
        writable();
        guidance.add(advice);
        firedRules.add(rule);
    }

    private void merge(Need need) {
        writable();
        needs.merge(need.recipient(), need, Need::merge);
        firedRules.add(need.rule());
    }

    /** The notices for the envelope to this recipient, in notice order. */
    Set<EnvelopeNotice> notices(Recipient recipient) {
        Set<EnvelopeNotice> all = EnumSet.noneOf(EnvelopeNotice.class);
        all.addAll(noticesToAll);
        all.addAll(noticesTo.getOrDefault(recipient, Set.of()));
        return all;
    }

    Set<RoutingAdvice> guidance() {
        return Collections.unmodifiableSet(guidance);
    }

    private void add(Need need) {
        writable();
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
