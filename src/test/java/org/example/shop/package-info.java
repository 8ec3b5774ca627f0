/**
 * A small application of someone else's, written without SessionDB in mind: a servlet, a filter, a
 * session-scoped bean and a persistence unit of its own. The library test builds it into a WAR with the
 * SessionDB library in WEB-INF/lib, which is all an application does to get database sessions.
 */
package org.example.shop;
