-- SessionDB schema, version 4 (PostgreSQL): the user a session keeps signed in for a Jakarta Security authentication
-- mechanism (what the container would keep in its own session): {"name": ..., "groups": [...]} as JSON text.
-- NULL while the session keeps nobody signed in. Unlike principal_name, never shortened: it must give back the
-- name exactly.
ALTER TABLE sessiondb_session ADD COLUMN signed_in TEXT;
