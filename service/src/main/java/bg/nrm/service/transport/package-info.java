/**
 * The connection layer under the HTTP routing: per-address connection limits, read deadlines for request heads and
 * bodies, and problem documents for the errors Helidon answers before routing.
 */
package bg.nrm.service.transport;
