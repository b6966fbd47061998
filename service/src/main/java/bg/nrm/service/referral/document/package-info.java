/**
 * The referral document, version 2: what a recipient reads after opening the envelope with any OpenPGP tool. One
 * MIME {@code multipart/mixed} entity (protected headers for mail clients) with a plain-text rendering for people,
 * Bulgarian then English, and the same content as JSON for software ({@code schemaVersion: 2}, schema
 * {@code referral-document-v2.schema.json} beside this package's classes). Also the PDF made from the same text.
 */
package bg.nrm.service.referral.document;
