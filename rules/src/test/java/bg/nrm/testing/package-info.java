/**
 * Property tests without a property-testing library: {@link bg.nrm.testing.Property#forAll} runs a check over
 * cases drawn from a seeded {@link bg.nrm.testing.Gen}, and a failure names the seed that replays it. Test code only;
 * the service's tests use it through this module's test jar.
 */
package bg.nrm.testing;
