/**
 * SessionDB's log lines that operators read: the start-up summary and one line per session lifecycle event
 * (logger {@code io.sessiondb.sessions}), with fingerprints, never ids, names or values.
 */
package io.sessiondb.operations.log;
