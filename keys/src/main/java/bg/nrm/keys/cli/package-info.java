/**
 * The {@code nrm-keys} command-line tool for recipient organisations: generate a key pair, decrypt and verify a
 * referral, print a certificate's fingerprint.
 */
package bg.nrm.keys.cli;
