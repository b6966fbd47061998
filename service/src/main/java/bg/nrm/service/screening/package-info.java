/** Screenings: questionnaires, submission (validate, assess, route, store in one transaction) and reading back. */
package bg.nrm.service.screening;
