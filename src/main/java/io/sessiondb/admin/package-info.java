/**
 * Operating SessionDB over HTTP, part of the library: the admin API ({@code /api/admin}), guarded by the role
 * {@value io.sessiondb.admin.AdminAccess#ROLE}, and each signed-in user's list of their own sessions ({@code
 * /api/me/sessions}). Sessions are named by their fingerprints only.
 */
package io.sessiondb.admin;
