package bg.nrm.rules.routing;

import bg.nrm.rules.RiskLevel;
import bg.nrm.rules.RulesException;
import bg.nrm.testing.Gen;
import bg.nrm.testing.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The router remembers the routing rules' decisions by what a case answers to the rules' questions, and routes a case
 * like one seen before without a rule session. These tests hold that it routes every case exactly as running the rules
 * each time does, and that only cases that answer every question alike share a decision.
 */
class RememberedDecisionsTest {
    private static final List<String> FINDINGS = List.of("TRAFFICKING_INDICATED", "CHILD_SEXUAL_ABUSE",
            "CHILD_MARRIAGE_OR_SALE", "CHILD_IN_NEED_OF_PROTECTION", "EX_POSITIVE", "IMMEDIATE_DANGER",
            "INSUFFICIENT_INFORMATION");
    private static final List<String> YES = List.of("ID_IN_EXPLOITATION_NOW", "ID_THREAT_TO_LIFE",
            "ID_DEPARTURE_IMMINENT", "ID_SELF_HARM", "VI_DOMESTIC", "VI_SEXUAL_ABUSE", "VR_FAMILY", "EX_CRIMINAL",
            "VD_STATUS", "VR_STATUS", "EX_SEXUAL", "DR_WAGES");
    private static final List<String> REGIONS = List.of("BG-16", "BG-01", "BG-04", "BG-22", "BG-23", "BG-09");

    @Test
    @DisplayName("remembered decisions route every case, both rulesets, exactly as running the rules each time does")
    void sameRoutesAsTheRulesEachTime() {
        Router remembering = Router.create();
        Router reference = Router.runningTheRulesEachTime();
        List<Organisation> directory = DemoDirectory.organisations();

        // Few tries per combination on purpose: most cases meet a decision remembered from an earlier one.
        Property.forAll(3000, g -> {
            RoutingRequest request = g.bool() ? versionOne(g) : versionTwo(g);

            assertThat(remembering.route(request, directory)).as("%s", request)
                    .isEqualTo(reference.route(request, directory));
        });
        assertThat(remembering.remembered()).isPositive().isLessThan(3000);
        assertThat(reference.remembered()).isZero();
    }

    @Test
    @DisplayName("two cases that differ only in what the rules never ask (age, gender, region) share one decision")
    void casesAlikeShareADecision() {
        Router router = Router.create();
        RoutingRequest girl = request(RiskLevel.NONE, true, "BG-16", 15, "female", Set.of(), Set.of());
        RoutingRequest boy = request(RiskLevel.NONE, true, "BG-04", 9, "male", Set.of(), Set.of());

        assertThat(router.decideTwo(boy)).isSameAs(router.decideTwo(girl));
        assertThat(router.remembered()).isEqualTo(1);
    }

    @Test
    @DisplayName("a case that answers one question differently gets a decision of its own")
    void oneAnswerApartIsDecidedAgain() {
        Router router = Router.create();
        RoutingRequest none = request(RiskLevel.NONE, true, "BG-16", 15, "female", Set.of(), Set.of());
        RoutingRequest familySuspected = request(RiskLevel.NONE, true, "BG-16", 15, "female", Set.of(),
                Set.of("VR_FAMILY"));
        RoutingRequest low = request(RiskLevel.LOW, true, "BG-16", 15, "female", Set.of(), Set.of());

        Decision first = router.decideTwo(none);

        assertThat(router.decideTwo(familySuspected)).isNotSameAs(first);
        assertThat(router.decideTwo(low)).isNotSameAs(first);
        assertThat(router.remembered()).isEqualTo(3);
    }

    @Test
    @DisplayName("version-1 cases are remembered apart from version-2 cases of the same level")
    void versionOneAndTwoAreKeptApart() {
        Router router = Router.create();
        RoutingRequest one = new RoutingRequest(RiskLevel.HIGH, true, "BG-16", true);
        RoutingRequest two = request(RiskLevel.HIGH, true, "BG-16", 15, "female", Set.of("TRAFFICKING_INDICATED"),
                Set.of());

        assertThat(router.decide(one).firedRules()).isNotEqualTo(router.decideTwo(two).firedRules());
        assertThat(router.remembered()).isEqualTo(2);
    }

    @Test
    @DisplayName("a decision is final once the rules have run: nothing can be added to a remembered one")
    void rememberedDecisionIsFinal() {
        Decision decision = Router.create().decideTwo(
                request(RiskLevel.HIGH, false, "BG-16", 30, "female", Set.of("TRAFFICKING_INDICATED"), Set.of()));

        assertThatThrownBy(() -> decision.tell(Recipient.POLICE, Duration.ofHours(1), "a rule run too late"))
                .isInstanceOf(RulesException.class).hasMessageContaining("final");
    }

    @Test
    @DisplayName("a fact the rules could read around its getters (not final, or with public fields) is refused")
    void factWithPublicStateIsRefused() {
        assertThatThrownBy(() -> new Decisions(Open.class)).isInstanceOf(RulesException.class);
        assertThatThrownBy(() -> new Decisions(WithField.class)).isInstanceOf(RulesException.class);
    }

    /** A fact class that could be subclassed. */
    public static class Open {
        public boolean isChild() {
            return true;
        }
    }

    /** A fact class with a public field. */
    public static final class WithField {
        public boolean child;
    }

    private static RoutingRequest versionOne(Gen g) {
        return new RoutingRequest(g.oneOf(List.of(RiskLevel.values())), g.bool(), g.oneOf(REGIONS), g.bool());
    }

    private static RoutingRequest versionTwo(Gen g) {
        Set<String> findings = new HashSet<>();
        for (String f : FINDINGS) {
            if (g.between(0, 5) == 0) {
                findings.add(f);
            }
        }
        Set<String> yes = new HashSet<>();
        for (String y : YES) {
            if (g.between(0, 6) == 0) {
                yes.add(y);
            }
        }
        boolean child = g.bool();
        return request(g.oneOf(List.of(RiskLevel.values())), child, g.oneOf(REGIONS),
                child ? g.between(0, 17) : g.between(18, 80), g.oneOf(List.of("female", "male", "unknown")), findings,
                yes, g.bool(), g.bool(), g.bool(), g.bool(), g.bool());
    }

    private static RoutingRequest request(RiskLevel level, boolean child, String region, int age, String gender,
                                          Set<String> findings, Set<String> yes) {
        return request(level, child, region, age, gender, findings, yes, true, false, false, false, false);
    }

    private static RoutingRequest request(RiskLevel level, boolean child, String region, int age, String gender,
                                          Set<String> findings, Set<String> yes, boolean consent, boolean foreign,
                                          boolean interpreter, boolean unaccompanied, boolean asylumSeeker) {
        Set<String> violence = new HashSet<>();
        yes.stream().filter(c -> c.startsWith("VI_")).forEach(violence::add);
        CaseFacts facts = new CaseFacts(age, gender, findings, yes, violence, foreign, interpreter, unaccompanied,
                asylumSeeker);
        return new RoutingRequest(level, child, region, consent, facts);
    }
}
