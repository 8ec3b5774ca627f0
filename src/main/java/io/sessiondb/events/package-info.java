/**
 * Delivers session lifecycle events to the application's CDI beans that implement the servlet session
 * listener interfaces, and to attribute values that implement {@code HttpSessionBindingListener}.
 */
package io.sessiondb.events;
