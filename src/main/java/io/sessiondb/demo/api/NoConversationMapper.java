package io.sessiondb.demo.api;

import jakarta.enterprise.context.NonexistentConversationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A {@code cid} naming no conversation (ended, expired, or never begun) is a 404, not a 500. */
@Provider
public class NoConversationMapper implements ExceptionMapper<NonexistentConversationException> {

    @Override
    public Response toResponse(NonexistentConversationException e) {
        return Errors.of(Response.Status.NOT_FOUND, "no such wizard: it ended, expired or never began");
    }
}
