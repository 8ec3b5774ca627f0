package io.sessiondb.demo.api;

import io.sessiondb.demo.Cart;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The demo cart, kept in the session: {@code GET /api/cart}, {@code POST /api/cart/items}, {@code DELETE /api/cart/items/{name}}. */
@Path("cart")
@Produces(MediaType.APPLICATION_JSON)
public class CartResource {

    @Context
    HttpServletRequest request;

    @GET
    public JsonObject cart() {
        return toJson(Cart.peek(request.getSession(false)));
    }

    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(JsonValue requestBody) {
        JsonObject body = JsonBodies.object(requestBody);
        String name = body == null ? null : body.getString("name", null);
        if (name == null || name.isBlank()) {
            return Errors.of(Response.Status.BAD_REQUEST, "name is required: send {\"name\": \"apple\"}");
        }
        String problem = Cart.problemWith(name);
        if (problem != null) {
            return Errors.of(Response.Status.BAD_REQUEST, problem);
        }
        Cart cart = Cart.of(request.getSession());
        cart.add(name.strip());
        return Response.status(Response.Status.CREATED).entity(toJson(cart)).build();
    }

    @DELETE
    @Path("items/{name}")
    public Response remove(@PathParam("name") String name) {
        Cart cart = Cart.peek(request.getSession(false));
        if (!cart.remove(name)) {
            return Errors.of(Response.Status.NOT_FOUND, "no item named '" + name + "' in the cart");
        }
        return Response.ok(toJson(cart)).build();
    }

    private static JsonObject toJson(Cart cart) {
        return JsonBodies.BUILDERS
                .createObjectBuilder()
                .add("items", JsonBodies.BUILDERS.createArrayBuilder(cart.items()))
                .build();
    }
}
