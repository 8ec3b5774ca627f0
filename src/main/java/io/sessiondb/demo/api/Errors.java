package io.sessiondb.demo.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** JSON error responses: {@code {"error": "..."}}. */
final class Errors {

    private Errors() {}

    static Response of(Response.Status status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonBodies.BUILDERS
                        .createObjectBuilder()
                        .add("error", message)
                        .build())
                .build();
    }
}
