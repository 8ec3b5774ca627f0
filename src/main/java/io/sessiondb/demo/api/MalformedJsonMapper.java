package io.sessiondb.demo.api;

import jakarta.json.JsonException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that is not the JSON object an endpoint expects is the client's error: 400. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonException> {

    @Override
    public Response toResponse(JsonException e) {
        return Errors.of(Response.Status.BAD_REQUEST, "request body must be a JSON object: " + e.getMessage());
    }
}
