-- The envelope as the binary OpenPGP message, armored when it is served (into exactly the text stored before): about
-- three quarters of the armored text's size, so fewer pages per referral to log, sync and checkpoint, and no armor
-- (Base64 and CRC-24) computed while a screening is written. New rows have "envelope" '' and this column set; rows
-- written before keep their armored text in "envelope" and this column NULL, and are served from it. Shredding clears
-- both.
ALTER TABLE referrals ADD COLUMN envelope_binary ${binary};
