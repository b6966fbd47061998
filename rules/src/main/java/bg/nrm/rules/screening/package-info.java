/**
 * Internal to the rules module: the facts the screening rules reason over and the result they write. Not API: the
 * service uses {@link bg.nrm.rules.RiskAssessor} and the records of {@code bg.nrm.rules}.
 *
 * <p>The rules themselves are the DRL files in {@code src/main/resources/bg/nrm/rules/screening/}, compiled to the
 * executable model at build time. Java only turns answers into facts ({@link bg.nrm.rules.screening.ScreeningFacts})
 * and reads the {@link bg.nrm.rules.screening.AssessmentResult} the rules wrote; every threshold and combination is in
 * the DRL.
 */
package bg.nrm.rules.screening;
