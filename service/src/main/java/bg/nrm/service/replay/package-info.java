/**
 * Replaying stored screenings under another ruleset (RULESET-2.md §5): which of a screening organisation's stored
 * screenings would come out differently under ruleset 2.0.0, with the difference and a pre-filled version-2
 * screening; and, for a commission, the anonymised, suppressed table of level transitions. Each version-1
 * screening is replayed once, when it is stored or by the background backfill, into {@code replay_outcomes}; the list
 * and the table read those rows. A replay never sends anything and never changes a screening or a referral.
 */
package bg.nrm.service.replay;
