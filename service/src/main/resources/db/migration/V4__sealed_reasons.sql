-- Free-text reasons (declines, revocations) are the recipients' and screeners' own words about a case: they are
-- sealed with the screening's data key, so retention's crypto-shredding erases them with the case.
ALTER TABLE referral_events ADD COLUMN reason ${binary};
