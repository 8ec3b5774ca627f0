package io.sessiondb.bench.spring;

import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A shopping cart, one session attribute. On memory sessions the requests of a session share the one object, so
 * its list is guarded (its serialization too); Spring Session gives each request a copy and stores it again when
 * {@code setAttribute} is called after a change.
 */
final class Cart implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String ATTRIBUTE = "cart";

    private final List<String> items = new ArrayList<>();

    /** The session's cart, or an empty one that is not stored. */
    static Cart peek(HttpSession session) {
        return session != null && session.getAttribute(ATTRIBUTE) instanceof Cart cart ? cart : new Cart();
    }

    /** Adds an item to the session's cart (created on first use) and stores the cart again. */
    static Cart add(HttpSession session, String item) {
        Cart cart;
        synchronized (session) { // two first adds must not each store a cart of their own
            cart = session.getAttribute(ATTRIBUTE) instanceof Cart stored ? stored : new Cart();
            synchronized (cart.items) {
                cart.items.add(item);
            }
            session.setAttribute(ATTRIBUTE, cart);
        }
        return cart;
    }

    JsonObject toJson() {
        List<String> copy;
        synchronized (items) {
            copy = List.copyOf(items);
        }
        return Json.BUILDERS
                .createObjectBuilder()
                .add("items", Json.BUILDERS.createArrayBuilder(copy))
                .build();
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        synchronized (items) {
            out.defaultWriteObject();
        }
    }
}
