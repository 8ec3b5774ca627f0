/** The request-scoped visit tracker: first-visit and last-request stamps in the session. */
package io.sessiondb.visit;
