-- SessionDB schema, version 4 (MariaDB / MySQL, InnoDB): the user a session keeps signed in for a Jakarta Security
-- authentication mechanism (what the container would keep in its own session): {"name": ..., "groups": [...]} as
-- JSON text. NULL while the session keeps nobody signed in. Unlike principal_name, never shortened: it must give
-- back the name exactly. MEDIUMTEXT: a caller's groups may run beyond TEXT's 64 KiB.
ALTER TABLE sessiondb_session ADD COLUMN signed_in MEDIUMTEXT NULL;
