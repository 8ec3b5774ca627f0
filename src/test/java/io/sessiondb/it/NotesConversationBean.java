package io.sessiondb.it;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ConversationScoped;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** An application's {@code @ConversationScoped} bean that records its destruction. */
@ConversationScoped
public class NotesConversationBean implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> notes = new ArrayList<>();

    public List<String> add(String note) {
        notes.add(note);
        return notes();
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    @PreDestroy
    void destroyed() {
        DestroyedBeans.record("notes " + notes);
    }
}
