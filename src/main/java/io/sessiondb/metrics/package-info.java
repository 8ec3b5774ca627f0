/**
 * What SessionDB counts and measures, published through MicroProfile Metrics where the server has it
 * (Payara), and dropped where it has not (GlassFish): the rest of SessionDB records into {@link
 * io.sessiondb.metrics.SessionMetrics} either way. The bottom package: it depends on no other of SessionDB's.
 */
package io.sessiondb.metrics;
