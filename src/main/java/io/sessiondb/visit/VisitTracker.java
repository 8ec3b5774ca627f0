package io.sessiondb.visit;

import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.store.PendingVisits;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.Set;

/**
 * Stamps every request into its session, as the original system's hook did: {@value #START_DATE} on the
 * first visit, {@value #LAST_REQUEST_DATE} (epoch milliseconds) and the request count {@value #VISITS} on
 * every one. Stamps go into sessions that exist: a request without a session gets one for its stamps
 * only with {@code sessiondb.visits.create-sessions=true}, so by default an anonymous request (a crawler's)
 * stores nothing. Switched off by {@code sessiondb.visits.enabled=false}; paths in {@code
 * sessiondb.visits.exclude} (health checks) are never stamped.
 *
 * <p>A SessionDB session ({@link VisitStampedSession}) keeps the stamps in its row and shows them as those
 * attributes; any other session (the container's, with {@code sessiondb.enabled=false}) gets them as plain
 * attributes.
 */
@RequestScoped
public class VisitTracker {

    public static final String START_DATE = "startDate";
    public static final String LAST_REQUEST_DATE = "lastRequestDate";
    public static final String VISITS = "visits";
    /** The attribute names of the stamps. */
    public static final Set<String> NAMES = Set.of(START_DATE, LAST_REQUEST_DATE, VISITS);

    @Inject
    SessionDbConfig config;

    @Inject
    PendingVisits pendingVisits;

    private Visit visit;

    /**
     * Records this request in its session, as the request begins: the session its cookie names, or, with
     * {@code sessiondb.visits.create-sessions=true}, a new one when it has none. Without that key a request
     * that has no session is stamped only if it creates one itself ({@link #stampCreated}).
     */
    public void stamp(HttpServletRequest request, long nowMs) {
        if (!config.visits().enabled() || excluded(pathOf(request))) {
            return;
        }
        HttpSession session = request.getSession(config.visits().createSessions());
        if (session != null) {
            stamp(session, nowMs);
        }
    }

    /**
     * Records this request in a session it created after it began (the application asked for one), as the
     * request ends; a request stamped already, or without a session, is left as it is.
     */
    public void stampCreated(HttpServletRequest request, long nowMs) {
        if (visit != null || !config.visits().enabled() || excluded(pathOf(request))) {
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            stamp(session, nowMs);
        }
    }

    private void stamp(HttpSession session, long nowMs) {
        if (session instanceof VisitStampedSession stamped) {
            visit = stamped.stampVisit(nowMs, pendingVisits);
            return;
        }
        Long storedStartDate = session.getAttribute(START_DATE) instanceof Long stored ? stored : null;
        long startDate = storedStartDate != null ? storedStartDate : nowMs;
        long visits = (session.getAttribute(VISITS) instanceof Number count ? count.longValue() : 0) + 1;
        if (storedStartDate == null) {
            session.setAttribute(START_DATE, startDate);
        }
        session.setAttribute(LAST_REQUEST_DATE, nowMs);
        session.setAttribute(VISITS, visits);
        visit = new Visit(startDate, nowMs, visits);
    }

    /** True when the path is one of the excluded prefixes or lies under one. */
    private boolean excluded(String path) {
        return config.visits().excludedPaths().stream()
                .anyMatch(
                        prefix -> path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"));
    }

    private static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        return request.getPathInfo() == null ? servletPath : servletPath + request.getPathInfo();
    }

    /** This request's visit, or empty when tracking is off. */
    public Optional<Visit> current() {
        return Optional.ofNullable(visit);
    }
}
