package io.sessiondb.api;

import io.sessiondb.store.SessionStoreException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A session database failure (or a session that stayed locked) inside a resource is a 503, never a 500. */
@Provider
public class SessionStoreUnavailableMapper implements ExceptionMapper<SessionStoreException> {

    private static final Logger LOG = Logger.getLogger(SessionStoreUnavailableMapper.class.getName());

    @Override
    public Response toResponse(SessionStoreException failure) {
        LOG.log(Level.WARNING, "Answering 503: " + failure.getMessage(), failure.getCause());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", "5")
                .entity(failure.responseJson())
                .build();
    }
}
