package io.sessiondb.demo.api;

import io.sessiondb.SessionStoreException;
import io.sessiondb.UnavailableResponse;
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
 * The 503 is written, and completed, by SessionDB's {@link UnavailableResponse}, as for a failure outside JAX-RS;
 * the runtime then has nothing left to add.
 */
@Provider
public class SessionStoreUnavailableMapper implements ExceptionMapper<SessionStoreException> {

    @Context
    HttpServletResponse servletResponse;

    @Inject
    UnavailableResponse unavailable;

    @Override
    public Response toResponse(SessionStoreException failure) {
        try {
            unavailable.send(servletResponse, failure);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the status the client already got; without an entity, the runtime writes nothing more
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
    }
}
