package org.example.history;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.UUID;

/**
 * Gives every new session its incarnation and its counter bean as it is created, in the creating request: the
 * visit stamps (on by default) make a session on any request, a read included, and two nodes that each set a
 * missing incarnation or made the counter bean at once would race for it.
 */
@WebListener
public class IncarnationListener implements HttpSessionListener {

    @Inject
    HistoryCounter counter;

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        event.getSession()
                .setAttribute(HistoryServlet.INCARNATION, UUID.randomUUID().toString());
        counter.count();
    }
}
