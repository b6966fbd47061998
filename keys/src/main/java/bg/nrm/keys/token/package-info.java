/**
 * Short-lived signed bearer tokens for the embedded local accounts (JWS, HS256).
 */
package bg.nrm.keys.token;
