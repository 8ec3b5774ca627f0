package io.sessiondb.bench.spring;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /api/cart} (creates no session) and {@code POST /api/cart/items} with {@code {"name": "apple"}}. */
@WebServlet({"/api/cart", "/api/cart/items"})
public class CartServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/api/cart".equals(request.getServletPath())) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        Json.send(
                response,
                HttpServletResponse.SC_OK,
                Cart.peek(request.getSession(false)).toJson());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/api/cart/items".equals(request.getServletPath())) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String name;
        try (JsonReader reader = Json.READERS.createReader(request.getReader())) {
            JsonValue body = reader.readValue();
            name = body instanceof JsonObject object ? object.getString("name", null) : null;
        } catch (JsonException e) {
            name = null;
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            Json.error(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "send {\"name\": \"apple\"} (at most 200 characters)");
            return;
        }
        Cart cart = Cart.add(request.getSession(), name.strip());
        Json.send(response, HttpServletResponse.SC_CREATED, cart.toJson());
    }
}
