package org.example.shop;

import jakarta.servlet.annotation.WebListener;

/** A session listener declared by its annotation. */
@WebListener
public class AnnotatedSessionListener extends RecordingSessionListener {

    public AnnotatedSessionListener() {
        super("@WebListener");
    }
}
