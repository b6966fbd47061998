package bg.nrm.rules.routing;

import bg.nrm.rules.RiskLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each routing rule fires exactly for the rows of the routing table it implements, and for no other combination of
 * level, child/adult and consent.
 */
class RoutingRulesTest {
    private static final Router ROUTER = Router.create();

    /** When a rule applies. */
    @FunctionalInterface
    interface When {
        boolean applies(RiskLevel level, boolean child, boolean consent);
    }

    private static final Map<String, When> EXPECTED = new LinkedHashMap<>();

    static {
        When immediateChild = (l, c, k) -> l == RiskLevel.IMMEDIATE && c;
        EXPECTED.put("immediate risk child: the regional child protection department is told within 1 hour",
                immediateChild);
        EXPECTED.put("immediate risk child: a crisis centre for children is told within 1 hour", immediateChild);
        EXPECTED.put("immediate risk child: the police contact point is told within 1 hour", immediateChild);
        EXPECTED.put("immediate risk child: the State Agency for Child Protection is told within 1 hour",
                immediateChild);

        When immediateAdultConsented = (l, c, k) -> l == RiskLevel.IMMEDIATE && !c && k;
        When immediateAdultRefused = (l, c, k) -> l == RiskLevel.IMMEDIATE && !c && !k;
        EXPECTED.put("immediate risk adult who consented: the police contact point is told within 1 hour",
                immediateAdultConsented);
        EXPECTED.put("immediate risk adult without consent: the police contact point is still told who they are "
                + "within 1 hour, because risk to life overrides the refusal", immediateAdultRefused);
        EXPECTED.put("immediate risk adult who consented: a crisis centre or shelter for adults is told within 1 hour",
                immediateAdultConsented);
        EXPECTED.put("immediate risk adult without consent: a crisis centre or shelter for adults is told "
                + "anonymously within 1 hour", immediateAdultRefused);

        When highChild = (l, c, k) -> l == RiskLevel.HIGH && c;
        EXPECTED.put("high risk child: the regional child protection department is told within 24 hours", highChild);
        EXPECTED.put("high risk child: a crisis centre for children is told within 24 hours", highChild);
        EXPECTED.put("high risk child: the police contact point is told within 24 hours", highChild);
        EXPECTED.put("high risk child: the State Agency for Child Protection is told within 24 hours", highChild);
        EXPECTED.put("high risk child: the local commission covering the region is told anonymously within 24 hours",
                highChild);
        EXPECTED.put("high risk child: the National Commission is told anonymously within 24 hours", highChild);

        When highAdult = (l, c, k) -> l == RiskLevel.HIGH && !c;
        EXPECTED.put("high risk adult who consented: a crisis centre or shelter for adults is told within 24 hours",
                (l, c, k) -> highAdult.applies(l, c, k) && k);
        EXPECTED.put("high risk adult without consent: a crisis centre or shelter for adults receives an anonymised "
                + "consultation request within 24 hours", (l, c, k) -> highAdult.applies(l, c, k) && !k);
        EXPECTED.put("high risk adult: the local commission covering the region is told anonymously within 24 hours",
                highAdult);
        EXPECTED.put("high risk adult: the National Commission is told anonymously within 24 hours", highAdult);

        EXPECTED.put("medium risk child: the regional child protection department is told within 72 hours",
                (l, c, k) -> l == RiskLevel.MEDIUM && c);
        EXPECTED.put("medium risk child with consent: a community support centre is told within 72 hours",
                (l, c, k) -> l == RiskLevel.MEDIUM && c && k);
        EXPECTED.put("medium risk child without consent: a community support centre is told anonymously within "
                + "72 hours", (l, c, k) -> l == RiskLevel.MEDIUM && c && !k);
        EXPECTED.put("medium risk adult who consented: a community support centre is told within 72 hours",
                (l, c, k) -> l == RiskLevel.MEDIUM && !c && k);
        EXPECTED.put("medium risk adult without consent: nobody is told, and the screener re-screens within 14 days",
                (l, c, k) -> l == RiskLevel.MEDIUM && !c && !k);

        EXPECTED.put("low or no risk: nobody is told, and the screening counts for statistics only",
                (l, c, k) -> l == RiskLevel.LOW || l == RiskLevel.NONE);
    }

    static Stream<Arguments> rules() {
        return EXPECTED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleFiresForItsRowAndForNoOtherCase(String rule, When when) {
        List<String> firedFor = new ArrayList<>();
        List<String> notFiredFor = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (RiskLevel level : RiskLevel.values()) {
            for (boolean child : List.of(true, false)) {
                for (boolean consent : List.of(true, false)) {
                    String name = level + (child ? " child" : " adult") + (consent ? " consented" : " no consent");
                    boolean fired = ROUTER.decide(new RoutingRequest(level, child, "BG-16", consent))
                            .firedRules().contains(rule);
                    (fired ? firedFor : notFiredFor).add(name);
                    if (fired != when.applies(level, child, consent)) {
                        wrong.add(name + (fired ? " (fired)" : " (did not fire)"));
                    }
                }
            }
        }

        assertThat(firedFor).as("cases where it fires").isNotEmpty();
        assertThat(notFiredFor).as("cases where it does not fire").isNotEmpty();
        assertThat(wrong).as("cases where it fired when it should not, or did not when it should").isEmpty();
    }

    @Test
    void everyRoutingRuleInTheKnowledgeBaseIsCoveredAbove() {
        assertThat(ROUTER.ruleNames()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @Test
    void everyCaseIsDecidedByAtLeastOneRule() {
        for (RiskLevel level : RiskLevel.values()) {
            for (boolean child : List.of(true, false)) {
                for (boolean consent : List.of(true, false)) {
                    Decision decision = ROUTER.decide(new RoutingRequest(level, child, "BG-16", consent));

                    assertThat(decision.firedRules()).as("%s child=%s consent=%s", level, child, consent).isNotEmpty();
                    boolean nobody = !level.atLeast(RiskLevel.MEDIUM)
                            || level == RiskLevel.MEDIUM && !child && !consent;
                    assertThat(decision.needs().isEmpty()).isEqualTo(nobody);
                }
            }
        }
    }

    @Test
    void adultIsNeverReferredToChildProtectionWhateverTheLevel() {
        for (RiskLevel level : RiskLevel.values()) {
            assertThat(ROUTER.decide(new RoutingRequest(level, false, "BG-16", true)).needs())
                    .extracting(Need::recipient)
                    .doesNotContain(Recipient.CHILD_PROTECTION_DEPARTMENT, Recipient.CHILD_PROTECTION_AGENCY,
                            Recipient.CHILDREN_CRISIS_CENTRE);
        }
    }

    @Test
    void mediumRiskChildIsNotReportedToThePoliceOrTheCommissions() {
        assertThat(ROUTER.decide(new RoutingRequest(RiskLevel.MEDIUM, true, "BG-16", true)).needs())
                .extracting(Need::recipient)
                .doesNotContain(Recipient.POLICE, Recipient.LOCAL_COMMISSION, Recipient.NATIONAL_COMMISSION);
    }

    @Test
    void immediateRiskIsNotReportedToTheCommissions() {
        for (boolean child : List.of(true, false)) {
            assertThat(ROUTER.decide(new RoutingRequest(RiskLevel.IMMEDIATE, child, "BG-16", true)).needs())
                    .extracting(Need::recipient)
                    .doesNotContain(Recipient.LOCAL_COMMISSION, Recipient.NATIONAL_COMMISSION);
        }
    }

    @Test
    void consentingAdultAtImmediateRiskIsNotRecordedAsAnOverride() {
        assertThat(ROUTER.decide(new RoutingRequest(RiskLevel.IMMEDIATE, false, "BG-16", true)).needs())
                .extracting(Need::consentOverridden).containsOnly(false);
    }
}
