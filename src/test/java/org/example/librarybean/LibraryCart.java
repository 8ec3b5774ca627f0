package org.example.librarybean;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/**
 * A CDI session-scoped bean that a library JAR brings into an application (its WEB-INF/lib), in a package no
 * setting names: SessionDB could store it but never read it back, so the deployment must stop.
 */
@SessionScoped
public class LibraryCart implements Serializable {

    private static final long serialVersionUID = 1L;

    private int items;

    public int add() {
        return ++items;
    }
}
