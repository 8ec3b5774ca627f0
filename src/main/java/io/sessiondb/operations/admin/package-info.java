/**
 * Operating SessionDB over HTTP, part of the library, each off until configured: the admin API ({@code
 * /api/admin} by default), for SessionDB's own admin credentials or the role {@value
 * io.sessiondb.operations.admin.AdminAccess#ROLE}, and each signed-in user's list of their own sessions ({@code
 * /api/me/sessions} by default). Sessions are named by their fingerprints only. It registers itself when
 * SessionDB starts ({@link io.sessiondb.servlet.SessionDbStarting}): the engine does not know it.
 */
package io.sessiondb.operations.admin;
