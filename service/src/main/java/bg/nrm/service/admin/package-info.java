/** Administration of the service itself: key-encryption key rotation. */
package bg.nrm.service.admin;
