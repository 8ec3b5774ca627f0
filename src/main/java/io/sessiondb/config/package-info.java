/** Typed, validated access to every SessionDB setting (MicroProfile Config). */
package io.sessiondb.config;
