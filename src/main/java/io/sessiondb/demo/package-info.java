/** The demo's backing code: a cart and a login, kept in the session. */
package io.sessiondb.demo;
