package bg.nrm.service.referral;

import bg.nrm.rules.Advice;
import bg.nrm.rules.routing.OrganisationType;
import bg.nrm.service.referral.document.DocumentBuilder;

import java.util.List;

/**
 * A referral row as stored (without the envelope, which is read on its own). Times are epoch milliseconds.
 *
 * @param minimumData ruleset 2.x: the envelope carries the minimum only (police on a consent override)
 * @param notices     ruleset 2.x: what the recipient reads first, as the routing chose it (its role, then notices);
 *                    empty under ruleset 1.x
 */
public record Referral(String id, String screeningId, String fromOrganisation, String recipientId,
                       OrganisationType recipientType, boolean anonymised, boolean consentOverridden, String rule,
                       String level, boolean child, String region, ReferralState state, long createdAt, long dueBy,
                       String escalatedFrom, int attempts, Long deliveredAt, Long acknowledgedAt, Long decidedAt,
                       boolean minimumData, List<Advice> notices) {

    public Referral {
        notices = notices == null ? List.of() : List.copyOf(notices);
    }

    /** A referral as ruleset 1.x makes them: no minimum-data limit and no notices. */
    public Referral(String id, String screeningId, String fromOrganisation, String recipientId,
                    OrganisationType recipientType, boolean anonymised, boolean consentOverridden, String rule,
                    String level, boolean child, String region, ReferralState state, long createdAt, long dueBy,
                    String escalatedFrom, int attempts, Long deliveredAt, Long acknowledgedAt, Long decidedAt) {
        this(id, screeningId, fromOrganisation, recipientId, recipientType, anonymised, consentOverridden, rule, level,
                child, region, state, createdAt, dueBy, escalatedFrom, attempts, deliveredAt, acknowledgedAt, decidedAt,
                false, List.of());
    }

    /** What the envelope may carry, from how the routing sent it. */
    public DocumentBuilder.Kind kind() {
        return ReferralFactory.kind(anonymised, consentOverridden || minimumData);
    }
}
