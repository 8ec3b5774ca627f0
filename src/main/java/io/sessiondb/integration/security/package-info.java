/**
 * Jakarta Security: makes the mechanisms that keep a sign-in in the session use SessionDB's session, which
 * they reach before SessionDB's filter runs.
 */
package io.sessiondb.integration.security;
