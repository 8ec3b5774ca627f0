package io.sessiondb.store;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session row, as the sweeper and the catalog read it (the requests' own statements are plain SQL, see
 * {@link Dialect}). Never cached: any node may have changed it since.
 */
@Entity
@Cacheable(false)
@Table(name = "sessiondb_session")
@NamedQuery(
        name = SessionEntity.FIND_WITH_ATTRIBUTES,
        query = "SELECT DISTINCT s FROM SessionEntity s LEFT JOIN FETCH s.attributes WHERE s.key IN :keys")
@NamedQuery(name = SessionEntity.DELETE_ALL, query = "DELETE FROM SessionEntity s WHERE s.key IN :keys")
public class SessionEntity {

    static final String FIND_WITH_ATTRIBUTES = "SessionEntity.findWithAttributes";
    static final String DELETE_ALL = "SessionEntity.deleteAll";

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

    /** {@link SignedInCaller#stored()}, or null while the session keeps nobody signed in. */
    @Column(name = "signed_in")
    private String signedIn;

    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "locked_until_ms")
    private Long lockedUntilMs;

    @Column(name = "visits", nullable = false)
    private long visits;

    @Column(name = "last_request_ms")
    private Long lastRequestMs;

    @OneToMany(mappedBy = "session")
    private List<AttributeEntity> attributes = new ArrayList<>();

    protected SessionEntity() {}

    /** The row and its attributes as plain {@link SessionData}, {@code databaseNowMs} read as this node's time. */
    SessionData toData() {
        Map<String, byte[]> values = new HashMap<>();
        for (AttributeEntity attribute : attributes) {
            values.put(attribute.name(), attribute.valueBytes());
        }
        return new SessionData(
                key,
                createdMs,
                lastAccessedMs,
                maxInactiveSeconds,
                principalName,
                SignedInCaller.fromStored(signedIn),
                values,
                lockedUntilMs,
                visits,
                lastRequestMs,
                version,
                expiresAtMs,
                System.currentTimeMillis());
    }
}
