/** The tamper-evident audit log (a hash chain) and its verification endpoint. */
package bg.nrm.service.audit;
