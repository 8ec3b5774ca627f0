-- SessionDB schema, version 2 (MariaDB): the id a session had before its last rotation (hashed, like id) and
-- when that happened, so requests still carrying the old id during the grace window leave the new cookie alone
ALTER TABLE sessiondb_session
    ADD COLUMN previous_id VARCHAR(64) NULL,
    ADD COLUMN rotated_at_ms BIGINT NULL,
    ADD INDEX sessiondb_session_previous (previous_id);
