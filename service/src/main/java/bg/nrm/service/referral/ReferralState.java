package bg.nrm.service.referral;

/** The states of a referral (DESIGN.md §6). */
public enum ReferralState {
    PENDING, DELIVERED, ACKNOWLEDGED, ACCEPTED, DECLINED, ESCALATED, FAILED, REVOKED;

    /** Whether the recipient may still acknowledge or decide. */
    public boolean open() {
        return this == PENDING || this == DELIVERED || this == ACKNOWLEDGED;
    }
}
