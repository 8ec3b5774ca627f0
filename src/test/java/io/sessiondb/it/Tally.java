package io.sessiondb.it;

import java.io.Serializable;

/** A count kept by a {@code @SessionScoped} producer method ({@link TallyProducer}), not by a bean class. */
public class Tally implements Serializable {

    private static final long serialVersionUID = 1L;

    private int count;

    public int add() {
        return ++count;
    }
}
