-- How to reach an organisation: postal address, duty phone (and out-of-hours phone where it differs), e-mail.
-- A referral carries the referring organisation's contacts; the e-mail channel sends to "email".
ALTER TABLE organisations ADD COLUMN address VARCHAR(300);
ALTER TABLE organisations ADD COLUMN duty_phone VARCHAR(40);
ALTER TABLE organisations ADD COLUMN out_of_hours_phone VARCHAR(40);
ALTER TABLE organisations ADD COLUMN email VARCHAR(254);
-- The organisation's Standard Webhooks secret, sealed (AES-256-GCM) under its own data key like case content, so a
-- copy of the database alone cannot forge requests to the organisation.
ALTER TABLE organisations ADD COLUMN webhook_secret ${binary};
ALTER TABLE organisations ADD COLUMN webhook_secret_key ${binary};
