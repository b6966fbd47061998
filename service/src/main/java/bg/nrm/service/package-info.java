/**
 * The Helidon SE application: {@link bg.nrm.service.Main} starts it, {@link bg.nrm.service.Application} wires the
 * parts, {@link bg.nrm.service.Settings} reads the configuration.
 */
package bg.nrm.service;
