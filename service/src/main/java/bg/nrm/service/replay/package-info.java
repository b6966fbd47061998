/**
 * Replaying stored screenings under another ruleset (RULESET-2.md §5): which of a screening organisation's stored
 * screenings would come out differently under ruleset 2.0.0, with the difference and a pre-filled version-2
 * screening; and, for a commission, the anonymised, suppressed table of level transitions. A replay reads and
 * compares; it never stores, changes or sends anything.
 */
package bg.nrm.service.replay;
