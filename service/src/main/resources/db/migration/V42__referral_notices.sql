-- Ruleset 2.x: what a referral's recipient reads first (its role, then notices such as "do not inform the family",
-- non-punishment, the rights of an adult), as the routing chose them: a JSON list of {code, text: {bg, en}}. Kept with
-- the referral so that an escalated copy and the PDF carry the same words. No personal data. Null under ruleset 1.x.
ALTER TABLE referrals ADD COLUMN notices TEXT;
-- Ruleset 2.x: the envelope carries the minimum only (police on a consent override); 1 or 0, null for older rows.
ALTER TABLE referrals ADD COLUMN minimum_data INTEGER;
