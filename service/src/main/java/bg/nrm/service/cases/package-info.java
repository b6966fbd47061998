/**
 * The case a screening records: the stored screening row ({@link bg.nrm.service.cases.ScreeningStore}), its case
 * content, which exists in clear only in memory ({@link bg.nrm.service.cases.CaseContent}), and the coarse bands
 * ({@link bg.nrm.service.cases.Bands}) that anonymised notices and statistics use instead of exact values. Both the
 * screening workflow and the referral mechanism read cases; this package depends on neither.
 */
package bg.nrm.service.cases;
