-- SessionDB schema, version 5 (MariaDB / MySQL, InnoDB): the visit stamps (sessiondb.visits.enabled) are columns of the session row,
-- no longer attribute rows: how many requests the session has made, and when the last one came (epoch
-- milliseconds by the clock of the node that served it; NULL until the first stamped request). Each node adds
-- its requests to them within sessiondb.visits.flush-interval-ms, in one batch for all its sessions.
ALTER TABLE sessiondb_session ADD COLUMN visits BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessiondb_session ADD COLUMN last_request_ms BIGINT;
