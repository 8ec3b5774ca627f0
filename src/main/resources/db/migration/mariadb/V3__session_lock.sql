-- SessionDB schema, version 3 (MariaDB / MySQL, InnoDB): the session lock (sessiondb.session-lock), a lease on the
-- session row. NULL when no request holds it; otherwise the end of the lease, epoch milliseconds by the
-- database's clock, which also serves as the holder's token when it releases the lease.
ALTER TABLE sessiondb_session ADD COLUMN locked_until_ms BIGINT;
