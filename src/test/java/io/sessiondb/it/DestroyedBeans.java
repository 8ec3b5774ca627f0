package io.sessiondb.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test beans' {@code @PreDestroy} methods recorded, in order. */
public final class DestroyedBeans {

    private static final List<String> DESTROYED = new CopyOnWriteArrayList<>();

    private DestroyedBeans() {}

    static void record(String bean) {
        DESTROYED.add(bean);
    }

    public static List<String> all() {
        return List.copyOf(DESTROYED);
    }

    public static void clear() {
        DESTROYED.clear();
    }
}
