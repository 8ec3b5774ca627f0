package org.example.shop;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/** The shopper's basket, a CDI session-scoped bean as applications keep per-user state. */
@SessionScoped
public class Basket implements Serializable {

    private static final long serialVersionUID = 1L;

    private int items;

    public int add() {
        return ++items;
    }

    public int items() {
        return items;
    }
}
