/**
 * All cryptography of the product: OpenPGP referral envelopes, organisation keys, at-rest encryption of case
 * data, password hashing and access tokens. Callers never pick algorithms, nonces or parameters.
 */
package bg.nrm.keys;
