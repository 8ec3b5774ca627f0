package io.sessiondb.session;

import io.sessiondb.config.AttributeLimits;
import io.sessiondb.store.AttributeCodec;
import io.sessiondb.store.SessionData;
import io.sessiondb.store.UnreadableAttributeException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The view of a session that ended outside its requests (the sweeper expired it, or it was revoked),
 * handed to {@code sessionDestroyed}: its stored attributes
 * can be read and removed (CDI's session context removes its beans as it destroys them), nothing else
 * changes. Its id is the storage key: the database never held the real one.
 */
final class EndedSessionView implements HttpSession {

    private final SessionData record;
    private final ServletContext servletContext;
    private final AttributeLimits limits;
    /** Attributes removed from the view; the row, and so every attribute, is gone already. */
    private final Set<String> removed = new HashSet<>();

    EndedSessionView(SessionData record, ServletContext servletContext, AttributeLimits limits) {
        this.record = record;
        this.servletContext = servletContext;
        this.limits = limits;
    }

    @Override
    public long getCreationTime() {
        return record.createdMs();
    }

    @Override
    public String getId() {
        return record.key();
    }

    @Override
    public long getLastAccessedTime() {
        return record.lastAccessedMs();
    }

    @Override
    public ServletContext getServletContext() {
        return servletContext;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
        throw expired();
    }

    @Override
    public int getMaxInactiveInterval() {
        return record.maxInactiveSeconds();
    }

    @Override
    public Object getAttribute(String name) {
        byte[] bytes = removed.contains(name) ? null : record.attributes().get(name);
        if (bytes == null) {
            return null;
        }
        try {
            return AttributeCodec.deserialize(name, bytes, limits);
        } catch (UnreadableAttributeException e) {
            return null;
        }
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        List<String> names = new ArrayList<>(record.attributes().keySet());
        names.removeAll(removed);
        return Collections.enumeration(names);
    }

    @Override
    public void setAttribute(String name, Object value) {
        throw expired();
    }

    @Override
    public void removeAttribute(String name) {
        removed.add(name);
    }

    @Override
    public void invalidate() {
        throw expired();
    }

    @Override
    public boolean isNew() {
        return false;
    }

    private static IllegalStateException expired() {
        return new IllegalStateException("The session has expired and is being destroyed");
    }
}
