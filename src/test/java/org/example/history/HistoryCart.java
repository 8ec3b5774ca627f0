package org.example.history;

import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The cart all clients of a session share, stored under {@value #ATTRIBUTE} and mutated in place (no second
 * {@code setAttribute}), as the demo's cart is: thread-safe down to its serialization.
 */
public class HistoryCart implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String ATTRIBUTE = "cart";

    private final List<String> items = new ArrayList<>();

    /** The session's cart, made on first use; the session object is the lock, as applications have it. */
    static HistoryCart of(HttpSession session) {
        synchronized (session) {
            if (session.getAttribute(ATTRIBUTE) instanceof HistoryCart cart) {
                return cart;
            }
            HistoryCart cart = new HistoryCart();
            session.setAttribute(ATTRIBUTE, cart);
            return cart;
        }
    }

    /** The session's items, without making a cart. */
    static List<String> itemsOf(HttpSession session) {
        return session.getAttribute(ATTRIBUTE) instanceof HistoryCart cart ? cart.items() : List.of();
    }

    synchronized void add(String item) {
        items.add(item);
    }

    synchronized List<String> items() {
        return List.copyOf(items);
    }

    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }
}
