/**
 * Runnable examples: how the service and a recipient organisation use the keys module, end to end.
 */
package bg.nrm.keys.example;
