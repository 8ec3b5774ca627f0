package io.sessiondb.servlet;

import jakarta.servlet.ServletContext;

/**
 * The CDI event that SessionDB is starting in a web application, fired by {@link SessionDbInitializer} once the
 * store and the filter are ready and while servlets can still be added: the registration point of the features
 * that serve requests of their own (the admin API, a user's own sessions), which the engine does not know.
 *
 * @param context the starting application's servlet context
 */
public record SessionDbStarting(ServletContext context) {}
