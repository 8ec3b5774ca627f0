/**
 * The demo's backing code, kept in the session: a cart and a login as attributes, a counter and a wizard as
 * CDI session and conversation beans.
 */
package io.sessiondb.demo;
