package io.sessiondb.cookie;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;

/** For unit tests of {@link SessionCookies}: the servlet context of an application that configures no cookie. */
public final class ContextWithoutCookieConfig {

    private ContextWithoutCookieConfig() {}

    public static ServletContext create() {
        ServletContext context = mock(ServletContext.class);
        // a mock's name, path and domain are null, its max-age 0 and its attributes empty: nothing set
        when(context.getSessionCookieConfig()).thenReturn(mock(SessionCookieConfig.class));
        return context;
    }
}
