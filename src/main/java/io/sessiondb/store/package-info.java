/**
 * The store: the {@link io.sessiondb.store.SessionRepository} boundary with its plain {@link
 * io.sessiondb.store.SessionData} and {@link io.sessiondb.store.SessionWrite}, its JDBC and JPA implementation,
 * the database and its dialects, schema migration, batched visit stamps, the expiry sweeper, and the queries
 * and deletes of sessions as a whole.
 */
package io.sessiondb.store;
