package bg.nrm.rules;

import bg.nrm.rules.routing.Organisation;
import bg.nrm.rules.routing.OrganisationType;
import bg.nrm.rules.routing.RouteTarget;
import bg.nrm.rules.routing.Router;
import bg.nrm.rules.routing.RoutingRequest;
import bg.nrm.rules.routing.RoutingResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static bg.nrm.rules.Screenings.adult2;
import static bg.nrm.rules.Screenings.child2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ruleset 2.0.0, the routing table of RULESET-2.md §3: each row as a named scenario where it applies, and one where it
 * does not. Targets read {@code organisation:hours}, with {@code :anon} for an anonymised one and {@code :min} for
 * minimum data.
 */
class RulesetTwoRoutingTableTest {
    private static final Router ROUTER = Router.create();

    static RoutingResult route(Screenings s) {
        ScreeningInput input = s.input();
        Assessment a = Screenings.ASSESSOR.assess(input);
        Questionnaire q = Questionnaires.builtIn().find(input.questionnaireId(), input.questionnaireVersion())
                .orElseThrow();
        return ROUTER.route(RoutingRequest.of(q, a, input.subject(), input.answers()), DirectoryTwo.organisations());
    }

    static List<String> targets(RoutingResult r) {
        return r.targets().stream().map(t -> t.organisationId() + ":" + t.deadline().toHours()
                + (t.anonymised() ? ":anon" : "") + (t.minimumData() ? ":min" : "")).toList();
    }

    private static RouteTarget target(RoutingResult r, String id) {
        return r.targets().stream().filter(t -> t.organisationId().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> notices(RouteTarget t) {
        return t.notices().stream().map(Advice::code).toList();
    }

    // --- children ---

    @Test
    @DisplayName("a child exploited now: ОЗД, police, ДАЗД and a crisis centre within the hour, the National Commission anonymously")
    void childExploitedNow() {
        RoutingResult r = route(child2(15).yes("ID_IN_EXPLOITATION_NOW"));

        assertThat(targets(r)).containsExactly("ozd-plovdiv:1", "cc-children-plovdiv:1", "police-plovdiv:1",
                "sacp-national:1", "nc-national:24:anon");
    }

    @Test
    @DisplayName("a child whose life is threatened, with trafficking indicated: the local commission is told too")
    void childThreatToLifeWithTrafficking() {
        RoutingResult r = route(child2(15).yes("ID_THREAT_TO_LIFE", "CH_MOVED", "EX_BEGGING", "EX_NO_PAY"));

        assertThat(targets(r)).containsExactly("ozd-plovdiv:1", "cc-children-plovdiv:1", "police-plovdiv:1",
                "sacp-national:1", "lc-plovdiv:24:anon", "nc-national:24:anon");
    }

    @Test
    @DisplayName("a child about to be taken abroad: ОЗД, police and ДАЗД within the hour; the police envelope asks to stop the departure")
    void childDepartureImminent() {
        RoutingResult r = route(child2(13).yes("ID_DEPARTURE_IMMINENT"));

        assertThat(targets(r)).containsExactly("ozd-plovdiv:1", "police-plovdiv:1", "sacp-national:1");
        assertThat(notices(target(r, "police-plovdiv"))).contains("STOP_DEPARTURE");
        assertThat(notices(target(r, "ozd-plovdiv"))).doesNotContain("STOP_DEPARTURE");
    }

    @Test
    @DisplayName("a child at acute risk of self-harm only: ОЗД within the hour, nobody else; the screener calls 112 first")
    void childSelfHarmOnly() {
        RoutingResult r = route(child2(16).yes("ID_SELF_HARM"));

        assertThat(targets(r)).containsExactly("ozd-plovdiv:1");
    }

    @Test
    @DisplayName("a trafficked child also at risk of self-harm still reaches everyone the high-risk row names")
    void traffickedChildAtRiskOfSelfHarm() {
        RoutingResult r = route(child2(16).yes("ID_SELF_HARM", "CH_MOVED", "EX_BEGGING", "EX_NO_PAY"));

        assertThat(targets(r)).containsExactly("ozd-plovdiv:1", "cc-children-plovdiv:24", "police-plovdiv:24",
                "sacp-national:24", "lc-plovdiv:24:anon", "nc-national:24:anon");
    }

    @Test
    @DisplayName("a child at high risk of trafficking: as in version 1, everyone within 24 hours, commissions anonymously")
    void childHigh() {
        RoutingResult r = route(child2(15).yes("CH_MOVED", "CH_MISSING_EPISODES", "CH_OLDER_PARTNER"));

        assertThat(targets(r)).containsExactly("ozd-plovdiv:24", "cc-children-plovdiv:24", "police-plovdiv:24",
                "sacp-national:24", "lc-plovdiv:24:anon", "nc-national:24:anon");
    }

    @Test
    @DisplayName("a child who discloses sexual abuse: ОЗД and the police only, within 24 hours, both told not to question the child again")
    void childSexualAbuseWithoutTrafficking() {
        RoutingResult r = route(child2(11).yes("VI_SEXUAL_ABUSE"));

        assertThat(targets(r)).containsExactly("ozd-plovdiv:24", "police-plovdiv:24");
        assertThat(notices(target(r, "police-plovdiv"))).contains("CHILD_NOT_TO_BE_QUESTIONED_AGAIN");
        assertThat(notices(target(r, "ozd-plovdiv"))).contains("CHILD_NOT_TO_BE_QUESTIONED_AGAIN");
    }

    @Test
    @DisplayName("a married 14-year-old: the full high-risk row, not the sexual-abuse-only one")
    void marriedChild() {
        RoutingResult r = route(child2(14).yes("EX_FORCED_MARRIAGE", "CH_UNDER_14_PREGNANCY"));

        assertThat(targets(r)).containsExactly("ozd-plovdiv:24", "cc-children-plovdiv:24", "police-plovdiv:24",
                "sacp-national:24", "lc-plovdiv:24:anon", "nc-national:24:anon");
    }

    @Test
    @DisplayName("a child with only violence signs: ОЗД and a community support centre, identified, within 24 hours")
    void childMediumWithViolence() {
        RoutingResult r = route(child2(9).yes("VI_DOMESTIC", "VI_INJURIES", "VI_NEGLECT").noConsent());

        assertThat(targets(r)).containsExactly("ozd-plovdiv:24", "ksuds-plovdiv:24");
    }

    @Test
    @DisplayName("a child at medium risk without violence: ОЗД and a community support centre, identified without any consent flag, within 72 hours")
    void childMediumWithoutViolence() {
        RoutingResult r = route(child2(15).yes("CH_MISSING_EPISODES").noConsent());

        assertThat(targets(r)).containsExactly("ozd-plovdiv:72", "ksuds-plovdiv:72");
    }

    @Test
    @DisplayName("a child at low risk: nobody is told")
    void childLow() {
        RoutingResult r = route(child2(15).yes("CH_SCHOOL_DROPOUT"));

        assertThat(r.targets()).isEmpty();
        assertThat(r.guidance()).extracting(Advice::code).containsExactly("NOBODY_AT_THIS_LEVEL");
    }

    @Test
    @DisplayName("an unaccompanied asylum-seeking boy with one weak sign: ОЗД, police, ДАЗД and ДАБ within 24 hours")
    void unaccompaniedAsylumSeekingBoy() {
        RoutingResult r = route(child2(16).gender("male").citizenship("AF").region("BG-01").unaccompanied().asylumSeeker()
                .language("ps").yes("VD_UNKNOWN_PLACE"));

        assertThat(targets(r)).containsExactly("ozd-razlog:24", "police-national:24", "sacp-national:24",
                "sar-national:24");
        assertThat(notices(target(r, "police-national"))).contains("INTERPRETER_NEEDED", "NO_CONSULATE");
    }

    @Test
    @DisplayName("an unaccompanied child at medium risk: ОЗД's 72 hours become 24")
    void unaccompaniedShortensTheDeadline() {
        RoutingResult r = route(child2(15).unaccompanied().yes("CH_MISSING_EPISODES"));

        assertThat(targets(r)).containsExactly("ozd-plovdiv:24", "ksuds-plovdiv:72", "police-plovdiv:24",
                "sacp-national:24");
    }

    @Test
    @DisplayName("an unaccompanied child with no sign at all: nobody is told")
    void unaccompaniedAtNone() {
        assertThat(route(child2(15).unaccompanied()).targets()).isEmpty();
    }

    // --- adults ---

    @Test
    @DisplayName("a woman exploited now, without consent: the police get her identity with the minimum only, a shelter is told anonymously")
    void adultInDangerWithoutConsent() {
        RoutingResult r = route(adult2(24).gender("female").noConsent().yes("ID_IN_EXPLOITATION_NOW", "CD_CONFINED"));

        assertThat(targets(r)).containsExactly("cc-adults-sofia:1:anon", "police-plovdiv:1:min");
        RouteTarget police = target(r, "police-plovdiv");
        assertThat(police.consentOverridden()).isTrue();
        assertThat(notices(police)).contains("MINIMUM_DATA");
        assertThat(r.guidance()).extracting(Advice::code).contains("POLICE_TOLD_WITHOUT_CONSENT");
    }

    @Test
    @DisplayName("an adult in danger who consented: the police are told in full, no override, no minimum-data limit")
    void adultInDangerWithConsent() {
        RoutingResult r = route(adult2(24).yes("ID_THREAT_TO_LIFE"));

        RouteTarget police = target(r, "police-plovdiv");
        assertThat(police.consentOverridden()).isFalse();
        assertThat(police.minimumData()).isFalse();
    }

    @Test
    @DisplayName("a trafficked man in danger now: the police, a service that takes men, and the National Commission anonymously")
    void traffickedManInDanger() {
        RoutingResult r = route(adult2(41).gender("male").yes("ID_IN_EXPLOITATION_NOW", "DR_JOB_NATURE", "DR_WAGES",
                "EX_EXCESSIVE_HOURS", "EX_NO_PAY", "CD_DOCS_TAKEN", "CD_CONFINED"));

        assertThat(targets(r)).containsExactly("cc-adults-sofia:1", "police-plovdiv:1", "nc-national:24:anon");
        assertThat(notices(target(r, "cc-adults-sofia"))).contains("ADULT_RIGHTS");
    }

    @Test
    @DisplayName("an adult at acute risk of self-harm, without consent: nobody gets their identity")
    void adultSelfHarmWithoutConsent() {
        RoutingResult r = route(adult2(30).noConsent().yes("ID_SELF_HARM"));

        assertThat(r.targets()).isEmpty();
        assertThat(r.guidance()).extracting(Advice::code).containsExactly("SELF_HARM_NOBODY_WITHOUT_CONSENT");
    }

    @Test
    @DisplayName("an adult at acute risk of self-harm who consented: a general crisis centre for adults, never the police or a trafficking shelter")
    void adultSelfHarmWithConsent() {
        RoutingResult r = route(adult2(30).yes("ID_SELF_HARM"));

        assertThat(targets(r)).containsExactly("cc-adults-sofia:1");
    }

    @Test
    @DisplayName("a man with labour exploitation indicators (HIGH), consented: a protection centre that takes men, the police, commissions anonymously")
    void manWithLabourExploitation() {
        RoutingResult r = route(adult2(38).gender("male").yes("DR_JOB_NATURE", "DR_WAGES", "EX_EXCESSIVE_HOURS",
                "EX_NO_PAY", "EX_LIVING", "CD_DOCS_TAKEN", "CD_DEBT_BONDAGE"));

        assertThat(targets(r)).containsExactly("pc-burgas:24", "police-plovdiv:24", "lc-plovdiv:24:anon",
                "nc-national:24:anon");
        assertThat(notices(target(r, "pc-burgas"))).contains("ADULT_RIGHTS");
    }

    @Test
    @DisplayName("a trafficked woman at high risk without consent: an anonymised consultation to a shelter for women; no police")
    void womanHighWithoutConsent() {
        RoutingResult r = route(adult2(26).gender("female").noConsent().yes("DR_JOB_NATURE", "DR_WAGES", "EX_SEXUAL",
                "EX_NO_PAY", "CD_CONFINED", "CD_VIOLENCE"));

        assertThat(targets(r)).containsExactly("shelter-sofia:24:anon", "lc-plovdiv:24:anon", "nc-national:24:anon");
    }

    @Test
    @DisplayName("an adult at medium risk who consented: a community support centre within 72 hours; without consent nobody")
    void adultMedium() {
        assertThat(targets(route(adult2(30).yes("CD_CONFINED")))).containsExactly("ksuds-plovdiv:72");
        RoutingResult none = route(adult2(30).noConsent().yes("CD_CONFINED"));
        assertThat(none.targets()).isEmpty();
        assertThat(none.guidance()).extracting(Advice::code).containsExactly("NOBODY_WITHOUT_CONSENT");
    }

    @Test
    @DisplayName("a woman subjected to domestic violence, consented: a crisis centre for domestic violence and the police within 24 hours")
    void domesticViolenceWithConsent() {
        RoutingResult r = route(adult2(33).gender("female").yes("VI_DOMESTIC"));

        assertThat(targets(r)).containsExactly("cc-dv-plovdiv:24", "police-plovdiv:24");
    }

    @Test
    @DisplayName("a woman subjected to domestic violence, without consent: an anonymised consultation, no police")
    void domesticViolenceWithoutConsent() {
        RoutingResult r = route(adult2(33).gender("female").noConsent().yes("VI_DOMESTIC"));

        assertThat(targets(r)).containsExactly("cc-dv-plovdiv:24:anon");
    }

    @Test
    @DisplayName("a man subjected to domestic violence: no crisis centre for domestic violence takes men here, so the screener is warned")
    void domesticViolenceManNoPlace() {
        RoutingResult r = route(adult2(33).gender("male").yes("VI_DOMESTIC"));

        assertThat(targets(r)).containsExactly("police-plovdiv:24");
        assertThat(r.guidance()).extracting(Advice::code).contains("RECIPIENT_NOT_FOUND");
    }

    @Test
    @DisplayName("an adult asylum seeker who consented: ДАБ is told within 72 hours; without consent it is not")
    void adultAsylumSeeker() {
        assertThat(targets(route(adult2(30).citizenship("SY").asylumSeeker().yes("CD_CONFINED"))))
                .containsExactly("ksuds-plovdiv:72", "sar-national:72");
        assertThat(targets(route(adult2(30).citizenship("SY").asylumSeeker().noConsent().yes("CD_CONFINED"))))
                .isEmpty();
    }

    @Test
    @DisplayName("an adult at low risk: nobody is told")
    void adultLow() {
        assertThat(route(adult2(30).yes("VD_SHAME")).targets()).isEmpty();
    }

    // --- notices ---

    @Test
    @DisplayName("a family member involved: every envelope says not to inform the family")
    void doNotInformTheFamilyEverywhere() {
        RoutingResult r = route(child2(15).yes("VR_FAMILY", "CH_MOVED", "EX_BEGGING"));

        assertThat(r.targets()).isNotEmpty().allSatisfy(t -> assertThat(notices(t)).contains("DO_NOT_INFORM_FAMILY"));
        assertThat(route(child2(15).yes("CH_MOVED", "EX_BEGGING")).targets())
                .allSatisfy(t -> assertThat(notices(t)).doesNotContain("DO_NOT_INFORM_FAMILY"));
    }

    @Test
    @DisplayName("trafficking with forced theft: the envelope to the police carries the non-punishment notice, the others do not")
    void nonPunishmentToThePolice() {
        RoutingResult r = route(child2(15).yes("CH_MOVED", "EX_CRIMINAL", "EX_BEGGING"));

        assertThat(notices(target(r, "police-plovdiv"))).contains("NON_PUNISHMENT");
        assertThat(notices(target(r, "ozd-plovdiv"))).doesNotContain("NON_PUNISHMENT");
        assertThat(notices(target(route(child2(15).yes("EX_CRIMINAL")), "ozd-plovdiv"))).doesNotContain("NON_PUNISHMENT");
    }

    @Test
    @DisplayName("every envelope starts with what the recipient is asked to do, in Bulgarian and English")
    void roleTextFirst() {
        RoutingResult r = route(child2(15).yes("CH_MOVED", "CH_MISSING_EPISODES", "CH_OLDER_PARTNER"));

        assertThat(r.targets()).allSatisfy(t -> {
            assertThat(t.notices().get(0).code()).startsWith("TO_");
            assertThat(t.notices().get(0).text().bg()).containsPattern("\\p{IsCyrillic}");
        });
    }

    @Test
    @DisplayName("escalation under 2.0.0: after a protection centre, a man goes only where men are taken, a woman also to the women's shelter")
    void escalationPlacesByAgeGenderAndKindOfCase() {
        java.util.Set<String> tried = java.util.Set.of("pc-burgas");
        // Ruleset 1.x's search knows only adults and children: it would send the man to the women's shelter.
        assertThat(ROUTER.nextOfSameType(OrganisationType.PROTECTION_CENTRE, false, "BG-22", tried,
                DirectoryTwo.organisations()).map(Organisation::id)).contains("shelter-sofia");

        assertThat(ROUTER.nextOfSameTypeThatTakes(OrganisationType.PROTECTION_CENTRE, false, 38, "male", "TRAFFICKING",
                "BG-22", tried, DirectoryTwo.organisations())).isEmpty();
        assertThat(ROUTER.nextOfSameTypeThatTakes(OrganisationType.PROTECTION_CENTRE, false, 24, "female",
                "TRAFFICKING", "BG-22", tried, DirectoryTwo.organisations()).map(Organisation::id))
                .contains("shelter-sofia");
        // A crisis centre for domestic violence is followed only by one that serves it.
        assertThat(ROUTER.nextOfSameTypeThatTakes(OrganisationType.CRISIS_CENTRE_ADULTS, false, 30, "female",
                "DOMESTIC_VIOLENCE", "BG-16", java.util.Set.of(), DirectoryTwo.organisations()).map(Organisation::id))
                .contains("cc-dv-plovdiv");
        assertThat(ROUTER.nextOfSameTypeThatTakes(OrganisationType.CRISIS_CENTRE_ADULTS, false, 30, "female",
                "DOMESTIC_VIOLENCE", "BG-16", java.util.Set.of("cc-dv-plovdiv"), DirectoryTwo.organisations()))
                .isEmpty();
    }
}
