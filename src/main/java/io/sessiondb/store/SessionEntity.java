package io.sessiondb.store;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A session row. Never cached: any node may have changed it since. */
@Entity
@Cacheable(false)
@Table(name = "sessiondb_session")
@NamedQuery(
        name = SessionEntity.FIND_LIVE,
        query = "SELECT DISTINCT s FROM SessionEntity s LEFT JOIN FETCH s.attributes"
                + " WHERE s.key = :key AND s.expiresAtMs > :nowMs")
@NamedQuery(
        name = SessionEntity.FIND_EXPIRED_KEYS,
        query = "SELECT s.key FROM SessionEntity s WHERE s.expiresAtMs <= :nowMs ORDER BY s.expiresAtMs")
@NamedQuery(
        name = SessionEntity.FIND_WITH_ATTRIBUTES,
        query = "SELECT DISTINCT s FROM SessionEntity s LEFT JOIN FETCH s.attributes WHERE s.key IN :keys")
@NamedQuery(
        name = SessionEntity.UPDATE_METADATA,
        query = "UPDATE SessionEntity s SET s.lastAccessedMs = :lastAccessedMs,"
                + " s.maxInactiveSeconds = :maxInactiveSeconds, s.expiresAtMs = :expiresAtMs,"
                + " s.version = s.version + 1 WHERE s.key = :key")
@NamedQuery(name = SessionEntity.DELETE, query = "DELETE FROM SessionEntity s WHERE s.key = :key")
@NamedQuery(
        name = SessionEntity.LOCK_EXPIRED,
        query = "SELECT s.key FROM SessionEntity s WHERE s.key IN :keys AND s.expiresAtMs <= :nowMs ORDER BY s.key")
@NamedQuery(name = SessionEntity.DELETE_ALL, query = "DELETE FROM SessionEntity s WHERE s.key IN :keys")
public class SessionEntity {

    static final String FIND_LIVE = "SessionEntity.findLive";
    static final String FIND_EXPIRED_KEYS = "SessionEntity.findExpiredKeys";
    static final String FIND_WITH_ATTRIBUTES = "SessionEntity.findWithAttributes";
    static final String UPDATE_METADATA = "SessionEntity.updateMetadata";
    static final String DELETE = "SessionEntity.delete";
    static final String LOCK_EXPIRED = "SessionEntity.lockExpired";
    static final String DELETE_ALL = "SessionEntity.deleteAll";
    static final String CHANGE_KEY_SQL = "UPDATE sessiondb_session SET id = ?1 WHERE id = ?2";

    @Id
    @Column(name = "id", length = 64)
    private String key;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "last_accessed_ms", nullable = false)
    private long lastAccessedMs;

    @Column(name = "max_inactive_seconds", nullable = false)
    private int maxInactiveSeconds;

    @Column(name = "expires_at_ms", nullable = false)
    private long expiresAtMs;

    @Column(name = "principal_name")
    private String principalName;

    @Column(name = "version", nullable = false)
    private long version;

    @OneToMany(mappedBy = "session")
    private List<AttributeEntity> attributes = new ArrayList<>();

    protected SessionEntity() {}

    SessionEntity(String key, SessionMetadata metadata) {
        this.key = key;
        this.createdMs = metadata.createdMs();
        this.lastAccessedMs = metadata.lastAccessedMs();
        this.maxInactiveSeconds = metadata.maxInactiveSeconds();
        this.expiresAtMs = metadata.expiresAtMs();
    }

    String key() {
        return key;
    }

    long createdMs() {
        return createdMs;
    }

    long lastAccessedMs() {
        return lastAccessedMs;
    }

    int maxInactiveSeconds() {
        return maxInactiveSeconds;
    }

    List<AttributeEntity> attributes() {
        return attributes;
    }
}
