/**
 * Password hashing for the embedded local accounts: Argon2id, stored as standard PHC strings.
 */
package bg.nrm.keys.password;
