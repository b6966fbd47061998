-- The audit chain gains a keyed MAC (issue 13): mac = HMAC-SHA-256(key, previous mac and the entry's fields), with a
-- key kept in the keystore, not here. Rows written before this migration have no MAC; every later row must.
ALTER TABLE audit_log ADD COLUMN mac VARCHAR(64);
ALTER TABLE audit_head ADD COLUMN mac VARCHAR(64);
