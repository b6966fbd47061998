package bg.nrm.service.referral;

import bg.nrm.rules.routing.OrganisationType;

/** A referral row as stored (without the envelope, which is read on its own). Times are epoch milliseconds. */
public record Referral(String id, String screeningId, String fromOrganisation, String recipientId,
                       OrganisationType recipientType, boolean anonymised, boolean consentOverridden, String rule,
                       String level, boolean child, String region, ReferralState state, long createdAt, long dueBy,
                       String escalatedFrom, int attempts, Long deliveredAt, Long acknowledgedAt, Long decidedAt) {
}
