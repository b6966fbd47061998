/**
 * At-rest encryption of case data: envelope encryption with a data key per record (AES-256-GCM), data keys
 * wrapped by key-encryption keys (AES-256, RFC 3394 key wrap) kept in a password-protected keystore file
 * ({@code KeyFile}: one PBKDF2 key, AES-256-GCM; keystores of the earlier BCFKS layout are converted
 * when opened).
 *
 * <p>Deleting a record's wrapped data key makes the record unreadable for good (crypto-shredding); rotating the
 * key-encryption key and re-wrapping data keys never touches the ciphertext.
 */
package bg.nrm.keys.atrest;
