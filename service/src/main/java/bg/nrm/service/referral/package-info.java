/** The National Referral Mechanism: envelopes, the outbox and webhook delivery, inbox, live alerts, acknowledgement, decisions and escalation. */
package bg.nrm.service.referral;
