/**
 * OpenPGP for referral envelopes, readable by any standard tool (GnuPG 2.2 included): organisation key
 * generation, certificate inspection and validation, per-organisation keyrings with rotation, the service's
 * own signing key, and sign-and-encrypt / decrypt-and-verify of referral messages.
 *
 * <p>Everything produced here is OpenPGP v4 (EdDSA legacy + Curve25519 ECDH), AES-256, SEIPD v1 (MDC),
 * which is what GnuPG 2.2 reads. Public signatures use only strings, byte arrays and records; Bouncy Castle
 * and PGPainless types stay inside the package.
 */
package bg.nrm.keys.pgp;
