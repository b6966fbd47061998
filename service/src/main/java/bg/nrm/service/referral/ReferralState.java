package bg.nrm.service.referral;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a referral and the only moves between them (docs/life-of-a-screening.md). Every change of state
 * goes through {@link ReferralStore#transition}, whose conditional update repeats {@link #from()}: when two actors
 * race (a recipient acknowledges while the escalation sweep runs), exactly one wins and the other sees no change.
 *
 * <pre>
 * PENDING ──delivered──▶ DELIVERED ──ack──▶ ACKNOWLEDGED ──decide──▶ ACCEPTED | DECLINED
 *    │ └─attempts exhausted─▶ FAILED                                                │
 *    └──── past its deadline, FAILED or DECLINED ──────────────▶ ESCALATED ◀──────┘
 * any open state (and FAILED) ──revoked by the referring screener──▶ REVOKED
 * </pre>
 */
public enum ReferralState {
    /** Waiting in the outbox, or for the recipient to fetch the envelope. */
    PENDING,
    /** The envelope reached the recipient (webhook 2xx, or fetched). */
    DELIVERED,
    /** The recipient has seen it and is working on it. */
    ACKNOWLEDGED,
    /** The recipient takes the case on. */
    ACCEPTED,
    /** The recipient will not take it; it is passed to the next recipient of the same type. */
    DECLINED,
    /** Passed on to another recipient (declined, undeliverable, or unacknowledged by its deadline). */
    ESCALATED,
    /** Could not be delivered (no valid key, or every attempt failed). */
    FAILED,
    /** Withdrawn by the referring organisation. */
    REVOKED;

    /** The two answers a recipient may give. */
    public static final Set<ReferralState> DECISIONS = Collections.unmodifiableSet(EnumSet.of(ACCEPTED, DECLINED));

    /** States from which a referral is escalated once its deadline passes (nobody acknowledged it in time). */
    public static final Set<ReferralState> AWAITING_ACKNOWLEDGEMENT =
            Collections.unmodifiableSet(EnumSet.of(PENDING, DELIVERED));

    /** States from which a referral is escalated at once, deadline or not. */
    public static final Set<ReferralState> ESCALATED_AT_ONCE = Collections.unmodifiableSet(EnumSet.of(FAILED, DECLINED));

    /** The states a referral may move to this one from. */
    public Set<ReferralState> from() {
        return switch (this) {
            case PENDING -> EnumSet.noneOf(ReferralState.class); // a referral starts here; it never comes back
            case DELIVERED -> EnumSet.of(PENDING);
            case ACKNOWLEDGED -> EnumSet.of(PENDING, DELIVERED, FAILED);
            case ACCEPTED, DECLINED -> EnumSet.of(PENDING, DELIVERED, ACKNOWLEDGED);
            case ESCALATED -> EnumSet.of(PENDING, DELIVERED, FAILED, DECLINED);
            case FAILED -> EnumSet.of(PENDING);
            case REVOKED -> EnumSet.of(PENDING, DELIVERED, ACKNOWLEDGED, FAILED);
        };
    }

    /** Whether a referral in this state may move to {@code target}. */
    public boolean canMoveTo(ReferralState target) {
        return target.from().contains(this);
    }

    /** Whether the recipient may still acknowledge or decide. */
    public boolean open() {
        return this == PENDING || this == DELIVERED || this == ACKNOWLEDGED;
    }

    /** Why a referral in this state is escalated, in the words of its history. */
    String escalationReason() {
        return switch (this) {
            case FAILED -> "could not be delivered";
            case DECLINED -> "declined by the recipient";
            default -> "not acknowledged by the deadline";
        };
    }
}
