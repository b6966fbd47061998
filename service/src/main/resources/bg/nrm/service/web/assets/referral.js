// Filled in by the referral page (decryption in the browser).
