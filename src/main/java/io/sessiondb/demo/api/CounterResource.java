package io.sessiondb.demo.api;

import io.sessiondb.demo.Counter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The demo's CDI session bean: {@code GET /api/counter} reads it, {@code POST /api/counter} counts one more. */
@Path("counter")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class CounterResource {

    @Inject
    Counter counter;

    @GET
    public JsonObject read() {
        return toJson(counter.count());
    }

    @POST
    public JsonObject increment() {
        return toJson(counter.increment());
    }

    private static JsonObject toJson(int count) {
        return JsonBodies.BUILDERS.createObjectBuilder().add("count", count).build();
    }
}
