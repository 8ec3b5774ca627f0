-- SessionDB schema, version 2 (H2): the id a session had before its last rotation (hashed, like id) and
-- when that happened, so requests still carrying the old id during the grace window leave the new cookie alone
ALTER TABLE sessiondb_session ADD COLUMN previous_id VARCHAR(64);
ALTER TABLE sessiondb_session ADD COLUMN rotated_at_ms BIGINT;
CREATE INDEX sessiondb_session_previous ON sessiondb_session (previous_id);
