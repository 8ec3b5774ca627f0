package org.example.shop;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * The shop's own filter, declared in its web.xml: it looks at the session before any servlet runs and
 * names, in the {@code X-Audit-Session} header, which kind of session it found.
 */
public class AuditFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        response.setHeader(
                "X-Audit-Session", session == null ? "none" : session.getClass().getName());
        chain.doFilter(request, response);
    }
}
