-- SessionDB schema, version 1 (PostgreSQL)
CREATE TABLE sessiondb_session (
    id                   VARCHAR(64)  NOT NULL PRIMARY KEY,
    created_ms           BIGINT       NOT NULL,
    last_accessed_ms     BIGINT       NOT NULL,
    max_inactive_seconds INTEGER      NOT NULL,
    expires_at_ms        BIGINT       NOT NULL,
    principal_name       VARCHAR(255),
    version              BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX sessiondb_session_expires_at ON sessiondb_session (expires_at_ms);
CREATE INDEX sessiondb_session_principal ON sessiondb_session (principal_name);

CREATE TABLE sessiondb_attribute (
    session_id  VARCHAR(64)  NOT NULL,
    name        VARCHAR(255) NOT NULL,
    value_bytes BYTEA        NOT NULL,
    PRIMARY KEY (session_id, name),
    CONSTRAINT sessiondb_attribute_session FOREIGN KEY (session_id)
        REFERENCES sessiondb_session (id) ON DELETE CASCADE ON UPDATE CASCADE
);
