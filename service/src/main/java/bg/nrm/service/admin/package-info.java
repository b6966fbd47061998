/** Administration and oversight of the service itself: key-encryption key rotation, verification of the audit chain. */
package bg.nrm.service.admin;
