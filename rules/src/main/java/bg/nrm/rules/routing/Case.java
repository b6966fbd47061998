package bg.nrm.rules.routing;

import bg.nrm.rules.RiskLevel;

/**
 * Internal, not part of the API: a ruleset-2.x case as the routing rules see it. Each getter answers one question a
 * row of the routing table asks. Public only because the rule engine's generated code lives in other packages.
 */
public final class Case {
    private final RiskLevel level;
    private final boolean child;
    private final boolean consented;
    private final CaseFacts facts;

    Case(RoutingRequest request) {
        this.level = request.level();
        this.child = request.child();
        this.consented = request.consentToIdentifiedReferral();
        this.facts = request.facts();
    }

    public RiskLevel getLevel() {
        return level;
    }

    /**
     * The level the case would have without the sign of self-harm: for an immediate danger that is self-harm only,
     * HIGH when trafficking, child sexual abuse or a child's marriage or sale was found, MEDIUM when a dimension is
     * positive or a child is in need of protection, else the level itself. So a trafficked child at risk of
     * self-harm still reaches everyone the high-risk row names, besides the emergency care the self-harm row asks.
     */
    public RiskLevel getLevelBesidesSelfHarm() {
        if (level != RiskLevel.IMMEDIATE || !isSelfHarmOnly()) {
            return level;
        }
        if (isTraffickingIndicated() || isChildSexualAbuse() || isChildMarriageOrSale()) {
            return RiskLevel.HIGH;
        }
        boolean medium = facts.findingCodes().contains("CHILD_IN_NEED_OF_PROTECTION")
                || facts.findingCodes().stream().anyMatch(code -> code.endsWith("_POSITIVE"));
        return medium ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }

    /** Domestic violence without trafficking indicated: the domestic-violence row of the table applies. */
    public boolean isDomesticViolenceOnly() {
        return isDomesticViolence() && !isTraffickingIndicated();
    }

    /** Immediate danger from others: exploited now, a threat to life, or a departure within 72 hours. */
    public boolean isDangerFromOthers() {
        return isExploitationNowOrThreatToLife() || isDepartureImminent();
    }

    /** Child sexual abuse without trafficking or a marriage or sale: only the department and the police are told. */
    public boolean isSexualAbuseOnly() {
        return isChildSexualAbuse() && !isTraffickingIndicated() && !isChildMarriageOrSale();
    }

    /** A child, or a person treated as a child because their age is in doubt. */
    public boolean isChild() {
        return child;
    }

    /** Consented to identified referrals. */
    public boolean isConsented() {
        return consented;
    }

    private boolean yes(String code) {
        return facts.yesCodes().contains(code);
    }

    /** Exploited now, expected back by the exploiters today, or a credible threat to life. */
    public boolean isExploitationNowOrThreatToLife() {
        return yes("ID_IN_EXPLOITATION_NOW") || yes("ID_THREAT_TO_LIFE");
    }

    /** A credible threat to life or of serious harm. */
    public boolean isThreatToLife() {
        return yes("ID_THREAT_TO_LIFE");
    }

    /** Departure abroad or to an unknown place within 72 hours. */
    public boolean isDepartureImminent() {
        return yes("ID_DEPARTURE_IMMINENT");
    }

    /** Acute risk of self-harm, and no other sign of immediate danger. */
    public boolean isSelfHarmOnly() {
        return yes("ID_SELF_HARM") && !isExploitationNowOrThreatToLife() && !isDepartureImminent();
    }

    public boolean isTraffickingIndicated() {
        return facts.findingCodes().contains("TRAFFICKING_INDICATED");
    }

    public boolean isChildSexualAbuse() {
        return facts.findingCodes().contains("CHILD_SEXUAL_ABUSE");
    }

    public boolean isChildMarriageOrSale() {
        return facts.findingCodes().contains("CHILD_MARRIAGE_OR_SALE");
    }

    /** Any violence (VI) indicator answered yes. */
    public boolean isAnyViolence() {
        return !facts.violenceCodes().isEmpty();
    }

    /** Subjected to domestic violence. */
    public boolean isDomesticViolence() {
        return yes("VI_DOMESTIC");
    }

    /** A family member may be involved in the recruitment. */
    public boolean isFamilySuspected() {
        return yes("VR_FAMILY");
    }

    /** Made to take part in unlawful acts, or an irregular status was used, with trafficking indicated. */
    public boolean isNonPunishmentApplies() {
        return isTraffickingIndicated() && (yes("EX_CRIMINAL") || yes("VD_STATUS") || yes("VR_STATUS"));
    }

    public boolean isInterpreterNeeded() {
        return facts.foreign() || facts.interpreter();
    }

    public boolean isUnaccompanied() {
        return facts.unaccompanied();
    }

    public boolean isAsylumSeeker() {
        return facts.asylumSeeker();
    }
}
