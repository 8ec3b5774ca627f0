/**
 * CDI: keeps CDI's session and conversation scopes in SessionDB's session ({@link
 * io.sessiondb.integration.cdi.WeldSessionContexts}, the one class that knows Weld), and checks at start that
 * session-scoped beans can be stored.
 */
package io.sessiondb.integration.cdi;
