/** Storage: the connection pool, Flyway migrations for SQLite and PostgreSQL, transactions and small JDBC helpers. */
package bg.nrm.service.store;
