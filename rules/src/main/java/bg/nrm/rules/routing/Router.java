package bg.nrm.rules.routing;

import bg.nrm.rules.Advice;
import bg.nrm.rules.Regions;
import bg.nrm.rules.RuleModule;
import bg.nrm.rules.RulesException;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieSessionsPool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Routes an assessed screening through the NRM model to recipients.
 *
 * <p>The routing rules (knowledge base {@code routingKB}, compiled to an executable model at build time) decide which
 * recipients the case needs, identified or anonymised, and by when; this class then resolves each recipient to one
 * organisation of the directory it is given. The knowledge base is loaded once per JVM. A {@code Router} remembers
 * the rules' decisions by what a case answers to the rules' questions ({@link Decisions}), so a case like one seen
 * before is decided without a rule session; it is safe to share between threads.
 */
public final class Router {
    private static final String KIE_BASE = "routingKB";
    private static final String RULE_PACKAGE = "bg.nrm.rules.routing";
    private static final String KIE_BASE_2 = "routingKB2";
    private static final String RULE_PACKAGE_2 = "bg.nrm.rules.ruleset2.routing";

    private static final int INITIAL_POOL_SIZE = 4;

    private final KieBase kieBase;
    private final KieBase kieBase2;
    // Sessions are reset and reused rather than built for every case: building one (its network memory) was about
    // half of the time of a routing decision.
    private final KieSessionsPool sessions;
    private final KieSessionsPool sessions2;
    // The rules' decisions by what each case answers to the rules' questions: a screening like one routed before
    // (most are NONE or LOW, and alike) needs no rule session at all. Null in a router that always runs the rules.
    private final Decisions decisions;
    private final Decisions decisions2;
    private final Regions regions;
    private final RecipientFinder finder;

    private Router(KieBase kieBase, KieBase kieBase2, Regions regions, boolean remember) {
        this.kieBase = kieBase;
        this.kieBase2 = kieBase2;
        this.sessions = kieBase.newKieSessionsPool(INITIAL_POOL_SIZE);
        this.sessions2 = kieBase2.newKieSessionsPool(INITIAL_POOL_SIZE);
        this.decisions = remember ? new Decisions(Subject.class) : null;
        this.decisions2 = remember ? new Decisions(Case.class) : null;
        this.regions = regions;
        this.finder = new RecipientFinder(regions);
    }

    /**
     * A router over the rules compiled into this module.
     *
     * @throws RulesException if the build-time rule model is missing or holds no routing rules
     */
    public static Router create() {
        KieBases kieBases = loadedKieBases();
        return new Router(kieBases.one(), kieBases.two(), Regions.builtIn(), true);
    }

    /** A router that runs the rules for every case, remembering nothing (the reference for tests). */
    static Router runningTheRulesEachTime() {
        KieBases kieBases = loadedKieBases();
        return new Router(kieBases.one(), kieBases.two(), Regions.builtIn(), false);
    }

    /**
     * Decides who receives a referral.
     *
     * @param request   the assessed subject
     * @param directory the organisations that may receive referrals
     * @return the recipients (each organisation at most once) and advice for the screener
     */
    public RoutingResult route(RoutingRequest request, Collection<Organisation> directory) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(directory, "directory");
        if (request.facts() != null) {
            return routeTwo(request, directory);
        }
        Decision decision = decide(request);
        List<RouteTarget> targets = new ArrayList<>();
        List<String> advice = new ArrayList<>(decision.advice());
        Set<String> chosen = new HashSet<>();
        for (Need need : decision.needs()) {
            Optional<Organisation> found =
                    finder.find(need.recipient(), request.child(), request.region(), chosen, directory);
            if (found.isPresent()) {
                Organisation organisation = found.get();
                chosen.add(organisation.id());
                targets.add(new RouteTarget(organisation.id(), organisation.type(), need.anonymised(),
                        need.deadline(), need.rule(), need.consentOverridden()));
            } else {
                advice.add(notFound(need.recipient(), request, directory));
            }
        }
        return new RoutingResult(targets, advice);
    }

    // Ruleset 2.x: the version-2 table, placement by age, gender and kind of case, notices and bilingual advice.
    private RoutingResult routeTwo(RoutingRequest request, Collection<Organisation> directory) {
        Decision decision = decideTwo(request);
        CaseFacts facts = request.facts();
        List<RouteTarget> targets = new ArrayList<>();
        List<Advice> guidance = new ArrayList<>();
        decision.guidance().forEach(g -> guidance.add(g.advice()));
        Set<String> chosen = new HashSet<>();
        for (Need need : decision.needs()) {
            Recipient recipient = need.recipient();
            // An adult goes to a residential service for the kind of case: domestic violence where the table says
            // so, else trafficking when indicated, else a general service (never a domestic-violence-only centre).
            String kind = recipient.serves() != null ? recipient.serves()
                    : request.child() ? null : kindOfCase(decision, request);
            Optional<Organisation> found = finder.find(recipient.types(), recipient.nearestStandsIn(),
                    o -> o.canTake(request.child(), facts.ageYears(), facts.gender()) && o.serves(kind),
                    request.region(), chosen, directory);
            if (found.isEmpty()) {
                guidance.add(RecipientRole.notFound(recipient, request.region(), directory));
                continue;
            }
            Organisation organisation = found.get();
            chosen.add(organisation.id());
            List<Advice> notices = new ArrayList<>();
            Advice role = RecipientRole.of(recipient, request.child());
            if (role != null) {
                notices.add(role);
            }
            if (need.anonymised()) {
                notices.add(EnvelopeNotice.ANONYMISED_CONSULTATION.advice());
            }
            if (need.minimumData()) {
                notices.add(EnvelopeNotice.MINIMUM_DATA.advice());
            }
            for (EnvelopeNotice notice : decision.notices(recipient)) {
                if (notice != EnvelopeNotice.ANONYMISED_CONSULTATION && notice != EnvelopeNotice.MINIMUM_DATA) {
                    notices.add(notice.advice());
                }
            }
            targets.add(new RouteTarget(organisation.id(), organisation.type(), need.anonymised(), need.deadline(),
                    need.rule(), need.consentOverridden(), need.minimumData(), notices));
        }
        List<String> advice = guidance.stream().map(a -> a.text().bg()).toList();
        return new RoutingResult(targets, advice, guidance);
    }

    private static String kindOfCase(Decision decision, RoutingRequest request) {
        return request.facts().findingCodes().contains("TRAFFICKING_INDICATED") ? "TRAFFICKING" : "GENERAL";
    }

    /**
     * The next recipient of the same kind, for escalation when a recipient does not acknowledge in time or declines:
     * one in the subject's region first, else one covering it, else the nearest, that takes the subject and (if
     * residential) has a free place, skipping {@code excludedIds}. A crisis centre for adults and a shelter count as
     * the same kind. A local commission is only ever followed by another local commission covering the region.
     *
     * @param type          the type of the recipient being escalated from
     * @param child         whether the subject is (treated as) a child
     * @param subjectRegion the subject's region
     * @param excludedIds   organisations already tried (or otherwise not to be chosen)
     * @param directory     the organisations that may receive referrals
     * @return the next organisation, or empty when there is none
     */
    public Optional<Organisation> nextOfSameType(OrganisationType type, boolean child, String subjectRegion,
                                                 Set<String> excludedIds, Collection<Organisation> directory) {
        return next(type, o -> o.canTake(child), subjectRegion, excludedIds, directory);
    }

    /**
     * Ruleset 2.x: as {@link #nextOfSameType}, and the next organisation must also take this person (age within its
     * limits, gender) and serve the kind of case, as the first choice had to (RULESET-2.md §3).
     *
     * @param ageYears the subject's age in years
     * @param gender   the subject's gender as screened ({@code female}, {@code male}, {@code other}, {@code unknown})
     * @param kind     the kind of case a residential service must serve ({@code TRAFFICKING},
     *                 {@code DOMESTIC_VIOLENCE}, {@code GENERAL}), or {@code null} for any
     */
    public Optional<Organisation> nextOfSameTypeThatTakes(OrganisationType type, boolean child, int ageYears,
                                                          String gender, String kind, String subjectRegion,
                                                          Set<String> excludedIds, Collection<Organisation> directory) {
        return next(type, o -> o.canTake(child, ageYears, gender) && o.serves(kind), subjectRegion, excludedIds,
                directory);
    }

    // The nearest organisation of the kind that fills the same place in the table (a crisis centre for adults and a
    // shelter count as one) that takes the person, skipping those already tried.
    private Optional<Organisation> next(OrganisationType type, Predicate<Organisation> takes, String subjectRegion,
                                        Set<String> excludedIds, Collection<Organisation> directory) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(directory, "directory");
        if (!regions.isValid(subjectRegion)) {
            throw new RulesException("escalation needs a subject region BG-01..BG-28");
        }
        Set<String> excluded = excludedIds == null ? Set.of() : excludedIds;
        Recipient recipient = Recipient.filledBy(type);
        Set<OrganisationType> types = recipient == null ? EnumSet.of(type) : recipient.types();
        boolean nearestStandsIn = recipient == null || recipient.nearestStandsIn();
        return finder.find(types, nearestStandsIn, takes, subjectRegion, excluded, directory);
    }

    /** Runs the routing rules alone: which recipients the case needs, and the advice. */
    Decision decide(RoutingRequest request) {
        Subject subject = new Subject(request);
        return decisions == null ? decide(sessions, subject) : decisions.decide(subject, s -> decide(sessions, s));
    }

    /** Runs the ruleset-2.x routing rules alone. */
    Decision decideTwo(RoutingRequest request) {
        Case caseFact = new Case(request);
        return decisions2 == null ? decide(sessions2, caseFact)
                : decisions2.decide(caseFact, c -> decide(sessions2, c));
    }

    /** How many decisions this router remembers, ruleset 1 and 2 together (for tests). */
    int remembered() {
        return (decisions == null ? 0 : decisions.size()) + (decisions2 == null ? 0 : decisions2.size());
    }

    private static Decision decide(KieSessionsPool rules, Object caseFact) {
        Decision decision = new Decision();
        try {
            rules.newStatelessKieSession().execute(List.of(caseFact, decision));
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof RulesException rulesException) {
                    throw rulesException;
                }
            }
            throw new RulesException("the routing rules failed", e);
        }
        return decision;
    }

    /** The names of the ruleset-2.x routing rules. */
    Set<String> ruleNamesTwo() {
        Set<String> names = new HashSet<>();
        kieBase2.getKiePackage(RULE_PACKAGE_2).getRules().forEach(rule -> names.add(rule.getName()));
        return names;
    }

    /** The names of the routing rules in the knowledge base. */
    Set<String> ruleNames() {
        Set<String> names = new HashSet<>();
        kieBase.getKiePackage(RULE_PACKAGE).getRules().forEach(rule -> names.add(rule.getName()));
        return names;
    }

    private static String notFound(Recipient recipient, RoutingRequest request, Collection<Organisation> directory) {
        boolean anyOfType = directory.stream().anyMatch(o -> recipient.types().contains(o.type()));
        if (!anyOfType) {
            return "Warning: the directory has no " + stripArticle(recipient.description())
                    + ", so no referral to one was made; tell the administrator and contact one directly.";
        }
        if (recipient == Recipient.LOCAL_COMMISSION) {
            return "No local commission covers region " + request.region() + ", so none is told.";
        }
        return "Warning: no " + stripArticle(recipient.description()) + " in the directory takes "
                + (request.child() ? "children" : "adults")
                + " and has a free place, so no referral to one was made; contact one directly.";
    }

    private static String stripArticle(String description) {
        if (description.startsWith("a ")) {
            return description.substring(2);
        }
        return description.startsWith("the ") ? description.substring(4) : description;
    }

    /** Both rulesets' routing knowledge bases. */
    private record KieBases(KieBase one, KieBase two) {
    }

    private static volatile KieBases loaded;

    /** The knowledge bases, loaded once on first use; a failed load is retried and fails again with a clear error. */
    private static KieBases loadedKieBases() {
        KieBases kieBases = loaded;
        if (kieBases == null) {
            synchronized (Router.class) {
                kieBases = loaded;
                if (kieBases == null) {
                    kieBases = load();
                    loaded = kieBases;
                }
            }
        }
        return kieBases;
    }

    private static KieBases load() {
        return new KieBases(kieBase(KIE_BASE, RULE_PACKAGE), kieBase(KIE_BASE_2, RULE_PACKAGE_2));
    }

    private static KieBase kieBase(String name, String rulePackage) {
        KieBase kieBase;
        try {
            // The module's knowledge bases are shared with the assessor and built once.
            kieBase = RuleModule.kieBase(name);
        } catch (RuntimeException e) {
            throw new RulesException("the routing rules could not be loaded (is the build-time model missing?)", e);
        }
        KiePackage rules = kieBase == null ? null : kieBase.getKiePackage(rulePackage);
        if (rules == null || rules.getRules().isEmpty()) {
            // Without rules every case would route to nobody: refuse to start instead.
            throw new RulesException("the routing knowledge base holds no routing rules");
        }
        return kieBase;
    }
}
