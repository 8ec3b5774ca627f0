package io.sessiondb;

import io.sessiondb.operations.metrics.SessionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one writer of the 503 a client gets when the session store fails: a JSON body saying what went
 * wrong, {@code Retry-After: 5}, and nothing else of the failed response (its cookies included). SessionDB's
 * filter answers so for failures anywhere in the request; an application injects it where its framework catches
 * the exception first, as a JAX-RS {@code ExceptionMapper<SessionStoreException>} does (JAX-RS would answer 500).
 */
@ApplicationScoped
public class UnavailableResponse {

    private static final Logger LOG = Logger.getLogger(UnavailableResponse.class.getName());

    /** The body when the session database failed. */
    static final String STORE_UNAVAILABLE_JSON = "{\"error\":\"session store unavailable\","
            + "\"message\":\"The session database cannot be reached. Please retry shortly.\"}";

    /** The body when the session stayed locked by other requests. */
    static final String SESSION_BUSY_JSON = "{\"error\":\"session busy\","
            + "\"message\":\"Other requests of this session kept it locked. Please retry shortly.\"}";

    @Inject
    SessionMetrics metrics;

    /**
     * Replaces the response with the 503 for this failure and completes it, so that whatever runs after
     * (a JAX-RS runtime, the container) adds nothing. A response already committed is left as it is.
     */
    public void send(HttpServletResponse response, SessionStoreException failure) throws IOException {
        LOG.log(Level.WARNING, "Answering 503: " + failure.getMessage(), failure.getCause());
        if (response.isCommitted()) {
            return;
        }
        metrics.unavailable();
        String body = failure instanceof SessionLockTimeoutException ? SESSION_BUSY_JSON : STORE_UNAVAILABLE_JSON;
        response.reset();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // the length the container would declare for the complete body; with it the body commits when written
        response.setContentLength(body.getBytes(StandardCharsets.UTF_8).length);
        PrintWriter writer = response.getWriter();
        writer.write(body);
        writer.flush();
    }
}
