/** Sign-in (Argon2id local accounts, signed bearer tokens), deny-by-default access by role and organisation, rate limits. */
package bg.nrm.service.auth;
