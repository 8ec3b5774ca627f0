-- SessionDB schema, version 7 (MariaDB / MySQL, InnoDB): the device a session was created from, for the lists of a user's own
-- sessions and the admin API: its User-Agent (cut to 255 characters) and a coarse client address (the /24 of
-- an IPv4 address, the /48 of an IPv6 one), both captured with the session's first save and never changed;
-- NULL for sessions stored before. The index serves those lists, which show the most recently used first.
ALTER TABLE sessiondb_session ADD COLUMN user_agent VARCHAR(255);
ALTER TABLE sessiondb_session ADD COLUMN client_address VARCHAR(64);
CREATE INDEX sessiondb_session_last_accessed ON sessiondb_session (last_accessed_ms);
