/** HTTP plumbing shared by every resource: the strict JSON mapper, bounded bodies, RFC 9457 problem documents. */
package bg.nrm.service.http;
