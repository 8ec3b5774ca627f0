package io.sessiondb.store;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One session attribute: its name and serialized value, read with its session. Written by the dialect's
 * upsert; deleted with its session (ON DELETE CASCADE).
 */
@Entity
@Cacheable(false)
@Table(name = "sessiondb_attribute")
@IdClass(AttributeEntity.Key.class)
public class AttributeEntity {

    @Id
    @Column(name = "session_id", length = 64)
    private String sessionKey;

    @Id
    @Column(name = "name", length = 255)
    private String name;

    @Column(name = "value_bytes", nullable = false)
    private byte[] valueBytes;

    // Read-only side of the join: the key column above is what gets written. Not lazy: the unit is not
    // woven (StorePersistenceUnit), and attributes are only ever loaded together with their session anyway.
    @ManyToOne
    @JoinColumn(name = "session_id", insertable = false, updatable = false)
    private SessionEntity session;

    protected AttributeEntity() {}

    String name() {
        return name;
    }

    byte[] valueBytes() {
        return valueBytes;
    }

    /** Primary key of an attribute row: (session, name). */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String sessionKey;
        private String name;

        public Key() {}

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(sessionKey, key.sessionKey)
                    && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionKey, name);
        }
    }
}
