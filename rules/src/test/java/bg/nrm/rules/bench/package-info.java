/**
 * Benchmarks (JMH, not part of the test suite) and a plain-Java reference of the screening rules, used both as the
 * benchmark's baseline and as an independent oracle by the property tests.
 */
package bg.nrm.rules.bench;
