-- SessionDB schema, version 9 (PostgreSQL): a change is announced only while some node listens. An announcement
-- makes its transaction take a database-wide lock that it holds through its commit, which serializes the commits
-- of every writer and costs each write more than the write itself; nodes in version mode (the default) listen to
-- nothing and should not pay for it. A node that listens stamps the sequence sessiondb_listened with the
-- database's clock, in milliseconds, every few seconds (io.sessiondb.cache.ChangeFeed); the trigger announces while
-- the newest stamp is less than a minute old. A sequence, because its value is seen at once by every transaction,
-- whether or not the stamp's own has committed.
CREATE SEQUENCE sessiondb_listened MINVALUE 0 START WITH 0;

CREATE OR REPLACE FUNCTION sessiondb_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT last_value FROM sessiondb_listened) < CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT) - 60000 THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('sessiondb_session', OLD.id);
    ELSE
        PERFORM pg_notify('sessiondb_session', OLD.id || ' ' || NEW.version);
    END IF;
    RETURN NULL;
END
$$;
