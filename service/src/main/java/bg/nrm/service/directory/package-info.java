/** The organisation directory, recipient certificates, webhooks, the public service key and the demo seed. */
package bg.nrm.service.directory;
