/**
 * Operating SessionDB over HTTP, part of the library, each off until configured: the admin API ({@code
 * /api/admin} by default), for SessionDB's own admin credentials or the role {@value
 * io.sessiondb.admin.AdminAccess#ROLE}, and each signed-in user's list of their own sessions ({@code
 * /api/me/sessions} by default). Sessions are named by their fingerprints only.
 */
package io.sessiondb.admin;
