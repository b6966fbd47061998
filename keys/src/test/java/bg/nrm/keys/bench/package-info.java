/**
 * JMH benchmarks of the keys module, run by hand (see {@link bg.nrm.keys.bench.KeysBenchmark}); not part of the
 * test suite.
 */
package bg.nrm.keys.bench;
