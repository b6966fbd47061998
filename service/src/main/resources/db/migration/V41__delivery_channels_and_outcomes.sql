-- The e-mail channel's content-free notice to a recipient the service could not encrypt to (no valid key): its own
-- state (PENDING, SENT, FAILED), attempts and next attempt, beside the referral it is about.
ALTER TABLE referrals ADD COLUMN notice_state VARCHAR(16);
ALTER TABLE referrals ADD COLUMN notice_attempts INTEGER;
ALTER TABLE referrals ADD COLUMN notice_next_at BIGINT;
-- What came of an ACCEPTED referral: COMPLETED with the services given (codes), or CLOSED with a reason (sealed in the
-- referral's history). Police may record whether the person was formally identified as a victim of trafficking.
ALTER TABLE referrals ADD COLUMN services_given VARCHAR(300);
ALTER TABLE referrals ADD COLUMN outcome_at BIGINT;
ALTER TABLE referrals ADD COLUMN formally_identified INTEGER;
CREATE INDEX referrals_notices ON referrals (notice_state, notice_next_at);
