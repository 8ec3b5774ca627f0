package io.sessiondb.integration.cdi;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The request's session as CDI sees it before anyone asked for it: loaded when first used, so a request
 * that uses no session bean loads nothing. Reading finds nothing while there is no session; writing, or
 * any other use, creates one, as {@code getSession(true)} would.
 */
final class LazySession implements HttpSession {

    private final WeldSessionContexts.SessionLookup lookup;
    private final Runnable onNone;
    private boolean looked;

    /** @param onNone told when the first lookup found no session (the cookie's session is gone) */
    LazySession(WeldSessionContexts.SessionLookup lookup, Runnable onNone) {
        this.lookup = lookup;
        this.onNone = onNone;
    }

    private HttpSession existing() {
        HttpSession session = lookup.session(false);
        if (!looked) {
            looked = true;
            if (session == null) {
                onNone.run();
            }
        }
        return session;
    }

    private HttpSession created() {
        return lookup.session(true);
    }

    @Override
    public Object getAttribute(String name) {
        HttpSession session = existing();
        return session == null ? null : session.getAttribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        HttpSession session = existing();
        return session == null ? Collections.emptyEnumeration() : session.getAttributeNames();
    }

    @Override
    public void setAttribute(String name, Object value) {
        created().setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        HttpSession session = existing();
        if (session != null) {
            session.removeAttribute(name);
        }
    }

    /** Null while there is no session: Weld asks only to log after a write or a removal. */
    @Override
    public String getId() {
        HttpSession session = existing();
        return session == null ? null : session.getId();
    }

    @Override
    public long getCreationTime() {
        return created().getCreationTime();
    }

    @Override
    public long getLastAccessedTime() {
        return created().getLastAccessedTime();
    }

    @Override
    public ServletContext getServletContext() {
        return created().getServletContext();
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
        created().setMaxInactiveInterval(interval);
    }

    @Override
    public int getMaxInactiveInterval() {
        return created().getMaxInactiveInterval();
    }

    @Override
    public void invalidate() {
        created().invalidate();
    }

    @Override
    public boolean isNew() {
        return created().isNew();
    }
}
