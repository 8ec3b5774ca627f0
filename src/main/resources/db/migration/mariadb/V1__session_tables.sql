-- SessionDB schema, version 1 (MariaDB / MySQL, InnoDB)
CREATE TABLE sessiondb_session (
    id                   VARCHAR(64)  NOT NULL PRIMARY KEY,
    created_ms           BIGINT       NOT NULL,
    last_accessed_ms     BIGINT       NOT NULL,
    max_inactive_seconds INT          NOT NULL,
    expires_at_ms        BIGINT       NOT NULL,
    principal_name       VARCHAR(255),
    version              BIGINT       NOT NULL DEFAULT 0,
    INDEX sessiondb_session_expires_at (expires_at_ms),
    INDEX sessiondb_session_principal (principal_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE sessiondb_attribute (
    session_id  VARCHAR(64)  NOT NULL,
    name        VARCHAR(255) NOT NULL,
    value_bytes LONGBLOB     NOT NULL,
    PRIMARY KEY (session_id, name),
    CONSTRAINT sessiondb_attribute_session FOREIGN KEY (session_id)
        REFERENCES sessiondb_session (id) ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
