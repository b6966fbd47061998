/**
 * Anonymised statistics for commissions: the one de-identified row per screening ({@link
 * bg.nrm.service.stats.StatsWriter}), tables grouped in SQL ({@link bg.nrm.service.stats.StatsStore}), small-cell
 * and complementary suppression ({@link bg.nrm.service.stats.Suppression}), and the HTTP resource with its JSON
 * and CSV forms ({@link bg.nrm.service.stats.StatsService}). Nothing here reads notes, references, names, ids or
 * case lists; the statistics table holds none.
 */
package bg.nrm.service.stats;
