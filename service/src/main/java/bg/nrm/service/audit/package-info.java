/**
 * The tamper-evident audit log (a hash chain): a sink that every other package writes to and that depends on nothing
 * above the storage layer. Its verification endpoint lives in {@code admin}, with the other oversight routes.
 */
package bg.nrm.service.audit;
