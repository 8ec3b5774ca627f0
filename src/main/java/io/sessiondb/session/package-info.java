/**
 * The session model: {@link io.sessiondb.session.StoredSession}, the {@code HttpSession} an application gets,
 * with its row, attributes and visit stamps, its conditional saves, the session lock, and the lifecycle events
 * it sends to listeners.
 */
package io.sessiondb.session;
