package io.sessiondb.config;

import jakarta.servlet.SessionCookieConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An application's session cookie configuration as a container holds it, for unit tests: nothing set yet,
 * and Payara 6's bug of a NullPointerException for the attributes while there are none.
 */
final class ApplicationCookieConfig implements SessionCookieConfig {

    private String name;
    private String domain;
    private String path;
    private boolean httpOnly = true;
    private boolean secure;
    private int maxAge = -1;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    @Override
    public void setName(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void setDomain(String domain) {
        this.domain = domain;
    }

    @Override
    public String getDomain() {
        return domain;
    }

    @Override
    public void setPath(String path) {
        this.path = path;
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    @SuppressWarnings("removal")
    public void setComment(String comment) {}

    @Override
    @SuppressWarnings("removal")
    public String getComment() {
        return null;
    }

    @Override
    public void setHttpOnly(boolean httpOnly) {
        this.httpOnly = httpOnly;
    }

    @Override
    public boolean isHttpOnly() {
        return httpOnly;
    }

    @Override
    public void setSecure(boolean secure) {
        this.secure = secure;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public void setMaxAge(int maxAge) {
        this.maxAge = maxAge;
    }

    @Override
    public int getMaxAge() {
        return maxAge;
    }

    @Override
    public void setAttribute(String name, String value) {
        attributes.put(name, value);
    }

    @Override
    public String getAttribute(String name) {
        return attributes.get(name);
    }

    /** Throws while none is set, as Payara 6's does. */
    @Override
    public Map<String, String> getAttributes() {
        return Collections.unmodifiableMap(attributes.isEmpty() ? null : attributes);
    }
}
