/**
 * The node cache: one session object per id per node, shared by its concurrent requests and kept between
 * them while it is proven current, by a version check or by the database's change notifications.
 */
package io.sessiondb.cache;
