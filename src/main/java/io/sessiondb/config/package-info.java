/**
 * SessionDB's settings (MicroProfile Config): one small record per concern, each read and validated by
 * itself, composed and checked together by {@link io.sessiondb.config.SessionDbConfig}.
 */
package io.sessiondb.config;
