package io.sessiondb.api;

import io.sessiondb.metrics.SessionMetrics;
import io.sessiondb.store.SessionStoreException;
import io.sessiondb.web.UnavailableResponse;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A session database failure (or a session that stayed locked) inside a resource is a 503, never a 500.
 * The 503 is written, and completed, by {@link UnavailableResponse}, as for a failure outside JAX-RS;
 * the runtime then has nothing left to add.
 */
@Provider
public class SessionStoreUnavailableMapper implements ExceptionMapper<SessionStoreException> {

    @Context
    HttpServletResponse servletResponse;

    @Inject
    SessionMetrics metrics;

    @Override
    public Response toResponse(SessionStoreException failure) {
        try {
            UnavailableResponse.send(servletResponse, failure, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the status the client already got; without an entity, the runtime writes nothing more
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
    }
}
