/**
 * The servlet side: the filter that gives every request a database-backed {@code HttpSession}, the
 * request and response wrappers, {@link io.sessiondb.web.StoredSession} and the session cookie.
 */
package io.sessiondb.web;
