package org.example.shop;

import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;

/** A session listener as applications have long declared them: in web.xml, and no CDI bean. */
public class DeclaredSessionListener extends RecordingSessionListener implements HttpSessionAttributeListener {

    public DeclaredSessionListener() {
        super("web.xml");
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        record("added:" + event.getName(), event.getSession().getId());
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        record("replaced:" + event.getName(), event.getSession().getId());
    }
}
