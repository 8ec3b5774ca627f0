package io.sessiondb.demo;

import jakarta.enterprise.context.ConversationScoped;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a multi-step form: a {@code @ConversationScoped} bean, one per conversation (the requests
 * that carry its {@code cid}), kept by CDI in the session.
 */
@ConversationScoped
public class Wizard implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final int MAX_STEP_LENGTH = 200;

    private final List<String> steps = new ArrayList<>();

    public void add(String step) {
        steps.add(step);
    }

    public List<String> steps() {
        return List.copyOf(steps);
    }
}
