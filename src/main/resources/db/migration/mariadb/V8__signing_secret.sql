-- SessionDB schema, version 8 (MariaDB / MySQL, InnoDB): the secret SessionDB generates to sign session cookies when the
-- application configures none (sessiondb.secrets), one per database so that every node on it signs and
-- verifies alike. The first node to start inserts it (id 1); any other node that raced it reads that one.
-- Deleting the row retires it: the next start without configured secrets generates a new one.
CREATE TABLE sessiondb_secret (
    id         INT          NOT NULL PRIMARY KEY,
    secret     VARCHAR(128) NOT NULL,
    created_ms BIGINT       NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
