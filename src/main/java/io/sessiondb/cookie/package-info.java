/**
 * Session cookies and ids: new ids, the signed cookie value and its verification, the signing keys (configured
 * or generated and kept in the database), and the {@code Set-Cookie} header.
 */
package io.sessiondb.cookie;
