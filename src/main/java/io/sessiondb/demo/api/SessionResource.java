package io.sessiondb.demo.api;

import io.sessiondb.demo.Login;
import io.sessiondb.visit.VisitTracker;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Collections;

/** {@code GET /api/session}: the visitor's session as JSON. */
@Path("session")
public class SessionResource {

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject current() {
        HttpSession session = request.getSession();
        JsonArrayBuilder names = JsonBodies.BUILDERS.createArrayBuilder();
        Collections.list(session.getAttributeNames()).stream().sorted().forEach(names::add);
        JsonObjectBuilder json = JsonBodies.BUILDERS.createObjectBuilder();
        addNumber(json, "startDate", session.getAttribute(VisitTracker.START_DATE));
        addNumber(json, "lastRequestDate", session.getAttribute(VisitTracker.LAST_REQUEST_DATE));
        addNumber(json, "visits", session.getAttribute(VisitTracker.VISITS));
        json.add("maxInactiveInterval", session.getMaxInactiveInterval());
        json.add("attributeNames", names);
        if (session.getAttribute(Login.USER) instanceof String user) {
            json.add("username", user);
        } else {
            json.addNull("username");
        }
        return json.build();
    }

    private static void addNumber(JsonObjectBuilder json, String name, Object value) {
        if (value instanceof Number number) {
            json.add(name, number.longValue());
        } else {
            json.addNull(name);
        }
    }
}
