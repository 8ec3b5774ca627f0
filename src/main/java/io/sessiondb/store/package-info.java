/**
 * The session store: the session model, the {@link io.sessiondb.store.SessionRepository} boundary, its
 * JPA implementation and entities, schema migration and the expiry sweeper.
 */
package io.sessiondb.store;
