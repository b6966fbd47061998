/**
 * The service's own counters and timers, published with Helidon's at {@code /observe/metrics} (administrators only).
 * A leaf package: every other package may record here; it depends on none of them.
 */
package bg.nrm.service.metrics;
