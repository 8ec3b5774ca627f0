package io.sessiondb.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The results of a pure function for the arguments seen lately, so that the requests of a session in use
 * compute them once (a cookie's signature check, an id's hash). Bounded: it starts over when full.
 */
public final class RememberedResults<K, V> {

    private final int most;
    private final Map<K, V> results = new ConcurrentHashMap<>();

    /** @param most how many results it keeps at most */
    public RememberedResults(int most) {
        this.most = most;
    }

    /** The remembered result for {@code argument}, or {@code compute}'s, remembered unless null. */
    public V get(K argument, Function<K, V> compute) {
        V result = results.get(argument);
        if (result == null) {
            result = compute.apply(argument);
            if (result != null) {
                if (results.size() >= most) {
                    results.clear();
                }
                results.put(argument, result);
            }
        }
        return result;
    }
}
