/**
 * The history checker's application ({@code io.sessiondb.history}): one servlet whose operations each answer
 * JSON with what the request saw (the session id, the session's incarnation, the signed-in user, the whole
 * state), a shared cart mutated in place, a {@code @SessionScoped} counter and a Jakarta Security mechanism
 * with {@code @AutoApplySession}. Written as an application would be, with nothing of SessionDB in it.
 */
package org.example.history;
