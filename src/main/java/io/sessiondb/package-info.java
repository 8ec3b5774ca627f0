/**
 * SessionDB's public API for applications: the failure a session operation throws when the session database
 * cannot serve it ({@link io.sessiondb.SessionStoreException}) and the 503 answer for it ({@link
 * io.sessiondb.UnavailableResponse}), for frameworks that catch exceptions before SessionDB's filter sees them.
 * With {@link io.sessiondb.visit.VisitTracker}, the only types an application names.
 *
 * <p>The packages follow a request: {@code servlet} (the filter and wrappers) → {@code cache} (one session
 * object per id per node) → {@code session} (the {@code HttpSession} and its changes) → {@code store} (the
 * database), with {@code cookie} (signed ids), {@code integration} (CDI, Jakarta Security), {@code visit},
 * {@code operations} (admin, metrics, health, logs) and {@code config} beside them. The demo in {@code demo}
 * is not part of the library.
 */
package io.sessiondb;
