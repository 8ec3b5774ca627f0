package io.sessiondb.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.inject.Produces;

/** Produces the session's {@link Tally}: a session bean that Weld identifies by its producer method. */
@ApplicationScoped
public class TallyProducer {

    @Produces
    @SessionScoped
    Tally tally() {
        return new Tally();
    }
}
