/**
 * Outgoing e-mail: SMTP settings, PGP/MIME messages (RFC 3156) around an already signed-and-encrypted OpenPGP
 * message, and content-free notices. Knows nothing of referrals: the referral package decides what is sent to whom.
 */
package bg.nrm.service.mail;
