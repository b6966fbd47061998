/**
 * Screening knowledge and NRM routing: questionnaires, validation, Drools risk assessment and routing.
 * Knows nothing of HTTP, storage or cryptography.
 */
package bg.nrm.rules;
