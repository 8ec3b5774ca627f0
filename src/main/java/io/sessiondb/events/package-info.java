/**
 * Delivers session lifecycle events to the application's CDI beans that implement the servlet session
 * listener interfaces, and to attribute values that implement {@code HttpSessionBindingListener}; keeps
 * CDI's session and conversation scopes in SessionDB's session ({@code WeldSessionContexts}, the one class
 * that knows Weld).
 */
package io.sessiondb.events;
