/**
 * Signatures on outgoing webhook requests, per the Standard Webhooks convention: a per-organisation shared secret
 * ({@code whsec_} + base64), and an HMAC-SHA256 over {@code id.timestamp.body} sent as
 * {@code webhook-signature: v1,<base64>}.
 */
package bg.nrm.keys.webhook;
