package bg.nrm.service.web;

import bg.nrm.rules.Region;
import bg.nrm.rules.Regions;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.referral.Referral;
import bg.nrm.service.referral.ReferralState;

import java.time.Duration;
import java.time.Instant;

/**
 * A referral as the recipient's inbox and referral page show it: who sent it, the level, the region, when it came,
 * its deadline and how long is left, and its state. No case content: that is only in the encrypted envelope.
 */
public record InboxRow(String id, String sender, String level, String regionBg, String regionEn, boolean anonymised,
                       boolean child, ReferralState state, Instant createdAt, Instant dueBy, Instant now) {

    static InboxRow of(Referral r, Organisation from, Instant now) {
        Region region = Regions.builtIn().find(r.region()).orElse(null);
        return new InboxRow(r.id(), from == null ? r.fromOrganisation() : from.name(), r.level(),
                region == null ? r.region() : region.nameBg(), region == null ? r.region() : region.nameEn(),
                r.anonymised(), r.child(), r.state(), Instant.ofEpochMilli(r.createdAt()), Instant.ofEpochMilli(r.dueBy()),
                now);
    }

    public String region(Lang lang) {
        return lang == Lang.EN ? regionEn : regionBg;
    }

    /** Still waiting for the recipient's acknowledgement after its deadline. */
    public boolean overdue() {
        return (state == ReferralState.PENDING || state == ReferralState.DELIVERED || state == ReferralState.FAILED)
                && dueBy.isBefore(now);
    }

    /** Whether the recipient may still acknowledge it. */
    public boolean canAcknowledge() {
        return state == ReferralState.PENDING || state == ReferralState.DELIVERED || state == ReferralState.FAILED;
    }

    /** Whether the recipient may still accept or decline it. */
    public boolean canDecide() {
        return state.open();
    }

    /** Whether the envelope can still be opened (not withdrawn, not passed on). */
    public boolean canOpen() {
        return state != ReferralState.REVOKED && state != ReferralState.ESCALATED;
    }

    /** Whole hours left until the deadline (negative when past), for the countdown. */
    public long hoursLeft() {
        return Duration.between(now, dueBy).toHours();
    }

    /** Minutes left beyond the whole hours (0–59, absolute). */
    public long minutesLeft() {
        return Math.abs(Duration.between(now, dueBy).toMinutesPart());
    }
}
