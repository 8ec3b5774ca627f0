/**
 * The servlet adapter: {@link io.sessiondb.servlet.SessionDbInitializer} starts SessionDB and puts {@link
 * io.sessiondb.servlet.SessionFilter} before every request; the request and response wrappers hand the
 * application SessionDB's session and save it before the response commits ({@link
 * io.sessiondb.servlet.SessionExchange}, one per request).
 */
package io.sessiondb.servlet;
