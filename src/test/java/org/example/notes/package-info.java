/**
 * Notes: an application of someone else's that adds the SessionDB library and configures nothing but, on a
 * database server, where its database is. Its session-scoped notebook lives in its own package, which it
 * names nowhere; it signs its own users in through its own form login; it declares no SessionDB key.
 */
package org.example.notes;
