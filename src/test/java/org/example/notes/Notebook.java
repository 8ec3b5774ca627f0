package org.example.notes;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/** The visitor's notebook: how many notes they wrote in their session. */
@SessionScoped
public class Notebook implements Serializable {

    private static final long serialVersionUID = 1L;

    private int notes;

    public synchronized int write() {
        return ++notes;
    }

    public synchronized int notes() {
        return notes;
    }
}
