-- Key changes need the organisation (issue 13): a key uploaded by an administrator waits as PENDING until a user of
-- the organisation confirms its fingerprint (or it is certified by the organisation's current key). proposed_by names
-- the administrator; expiry_warned_at records the 30-day expiry warning, so that it is given once.
ALTER TABLE organisation_keys ADD COLUMN proposed_by VARCHAR(64);
ALTER TABLE organisation_keys ADD COLUMN expiry_warned_at BIGINT;
