package io.sessiondb.demo.api;

import io.sessiondb.demo.Login;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Demo login and logout: {@code POST /api/login}, {@code POST /api/logout}. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @Inject
    SecurityContext security;

    /** Signs the user in; the session gets a new id and keeps its data (the cart). */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(JsonValue requestBody) {
        JsonObject body = JsonBodies.object(requestBody);
        String username = body == null ? null : body.getString("username", null);
        if (username == null || username.isBlank()) {
            return Errors.of(Response.Status.BAD_REQUEST, "username is required: send {\"username\": \"alice\"}");
        }
        if (username.length() > Login.MAX_USERNAME_LENGTH) {
            return Errors.of(
                    Response.Status.BAD_REQUEST,
                    "username must be at most " + Login.MAX_USERNAME_LENGTH + " characters");
        }
        Login.logIn(security, request, response, username.strip());
        return Response.ok(JsonBodies.BUILDERS
                        .createObjectBuilder()
                        .add("username", username.strip())
                        .build())
                .build();
    }

    /** Signs the user out and ends the session: its row is deleted and the cookie cleared. */
    @POST
    @Path("logout")
    public Response logout() throws ServletException {
        Login.logOut(request);
        return Response.noContent().build();
    }
}
