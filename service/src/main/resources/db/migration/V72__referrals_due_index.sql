-- The escalation worker asks every few seconds for the referrals past their deadline and still unacknowledged
-- (state IN ('PENDING','DELIVERED') AND due_by < now) or failed/declined. With only (state, next_attempt_at) it read
-- every PENDING referral (inbox referrals stay PENDING until fetched) to compare due_by; this index answers with the
-- overdue ones alone.
CREATE INDEX referrals_due ON referrals (state, due_by);
