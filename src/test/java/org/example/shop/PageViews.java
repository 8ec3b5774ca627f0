package org.example.shop;

import java.io.Serializable;

/** The session's page views, kept as a plain session attribute of the shop's own class. */
public class PageViews implements Serializable {

    private static final long serialVersionUID = 1L;

    private int count;

    int increment() {
        return ++count;
    }
}
