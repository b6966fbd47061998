/**
 * The API reference: the OpenAPI document ({@code META-INF/openapi.yaml}, served at {@code /openapi} by Helidon's
 * OpenAPI feature) rendered as a page at {@code /api/docs} by Swagger UI from its WebJar, served from this service
 * alone (no CDN) and without inline script.
 */
package bg.nrm.service.apidocs;
