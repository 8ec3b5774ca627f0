-- SessionDB schema, version 6 (PostgreSQL): every write of a session row gives it a new version, and every
-- new version or deletion is announced on the channel sessiondb_session as "<id> <version>" or "<id>",
-- delivered when the transaction commits. Nodes listen there and drop the sessions they keep in memory
-- when another node changes them. Taking the lock (locked_until_ms) is not a change and is not announced.
CREATE FUNCTION sessiondb_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('sessiondb_session', OLD.id);
    ELSE
        PERFORM pg_notify('sessiondb_session', OLD.id || ' ' || NEW.version);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER sessiondb_session_changed
    AFTER UPDATE OF version OR DELETE ON sessiondb_session
    FOR EACH ROW EXECUTE FUNCTION sessiondb_session_changed();
