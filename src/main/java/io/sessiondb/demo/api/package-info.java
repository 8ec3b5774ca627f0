/**
 * The demo's JSON API under {@code /api}: the current session, the cart, login and logout, and the CDI
 * counter and wizard. Part of the demo WAR, not of the library.
 */
package io.sessiondb.demo.api;
