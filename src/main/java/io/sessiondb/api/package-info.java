/** The JSON API under {@code /api}: the current session, the demo cart, login and logout. */
package io.sessiondb.api;
