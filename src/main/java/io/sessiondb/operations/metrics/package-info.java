/**
 * What SessionDB counts and measures, published through MicroProfile Metrics where the server has it
 * (Payara), and dropped where it has not (GlassFish): the rest of SessionDB records into {@link
 * io.sessiondb.operations.metrics.SessionMetrics} either way.
 */
package io.sessiondb.operations.metrics;
