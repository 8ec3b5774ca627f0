/**
 * The JSON API under {@code /api}: the current session, the demo cart, login and logout, and the CDI
 * counter and wizard.
 */
package io.sessiondb.api;
