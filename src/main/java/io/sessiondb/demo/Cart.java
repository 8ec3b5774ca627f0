package io.sessiondb.demo;

import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A shopping cart stored in the session under {@value #ATTRIBUTE}. Items are added to the stored object
 * in place, without another {@code setAttribute}: SessionDB notices the change when it saves. Concurrent
 * requests of the session share the one cart, as with a container's sessions: it is thread-safe, down to
 * its serialization, which a save runs while other requests may be adding.
 */
public class Cart implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final String ATTRIBUTE = "cart";
    public static final int MAX_NAME_LENGTH = 200;

    private final List<String> items = new ArrayList<>();

    /**
     * The session's cart, created and stored on first use. Two requests creating it at once must not each
     * store a cart of their own: the session object, shared by its requests, is the lock.
     */
    public static Cart of(HttpSession session) {
        synchronized (session) {
            if (session.getAttribute(ATTRIBUTE) instanceof Cart cart) {
                return cart;
            }
            Cart cart = new Cart();
            session.setAttribute(ATTRIBUTE, cart);
            return cart;
        }
    }

    /** The session's cart if it has one, else an empty cart that is not stored. */
    public static Cart peek(HttpSession session) {
        return session != null && session.getAttribute(ATTRIBUTE) instanceof Cart cart ? cart : new Cart();
    }

    /**
     * Why {@code name} cannot be an item, or null when it can: it must not be blank, nor {@code .} or
     * {@code ..} (no path segment can address those in {@code DELETE /api/cart/items/{name}}), nor longer
     * than {@value #MAX_NAME_LENGTH} characters.
     */
    public static String problemWith(String name) {
        if (name == null || name.isBlank()) {
            return "name is required";
        }
        if (name.strip().equals(".") || name.strip().equals("..")) {
            return "name must not be '.' or '..'";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "name must be at most " + MAX_NAME_LENGTH + " characters";
        }
        return null;
    }

    public synchronized void add(String item) {
        items.add(item);
    }

    /** Removes one item with that name; false if there was none. */
    public synchronized boolean remove(String item) {
        return items.remove(item);
    }

    public synchronized List<String> items() {
        return List.copyOf(items);
    }

    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }
}
