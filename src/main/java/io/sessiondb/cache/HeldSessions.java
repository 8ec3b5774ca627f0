package io.sessiondb.cache;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sessions a node holds, by storage key, and what they weigh: their number, and their serialized size as
 * counted when each one's last request left; with announced changes, which of them changed elsewhere. Methods
 * that change an entry are called holding it.
 */
final class HeldSessions implements ChangeFeed.Subscriber {

    private final Map<String, HeldSession> byKey = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicBoolean trimming = new AtomicBoolean();

    HeldSession get(String key) {
        return byKey.get(key);
    }

    /**
     * Holds {@code entry} under its key unless another entry is held there (a request of the same id that
     * began loading it meanwhile), which is returned instead and wins; {@code entry} is then not held.
     */
    HeldSession add(HeldSession entry) {
        HeldSession present = byKey.putIfAbsent(entry.key, entry);
        if (present != null) {
            entry.removed = true;
        }
        return present;
    }

    /** Stops holding it: a request that found it looks again. */
    void drop(HeldSession entry) {
        entry.removed = true;
        byKey.remove(entry.key, entry);
        bytes.addAndGet(-entry.bytes);
        entry.bytes = 0;
    }

    /** Counts the entry at {@code size} bytes from now on. */
    void resized(HeldSession entry, long size) {
        bytes.addAndGet(size - entry.bytes);
        entry.bytes = size;
    }

    /** Another node changed or deleted the session: the next request that joins it finds out which. */
    @Override
    public void changed(String storageKey) {
        HeldSession entry = byKey.get(storageKey);
        if (entry != null) {
            entry.stale = true;
        }
    }

    /** Every session held may have been changed elsewhere. */
    @Override
    public void missedChanges() {
        byKey.values().forEach(entry -> entry.stale = true);
    }

    int size() {
        return byKey.size();
    }

    /**
     * Drops the least recently used sessions without a request in progress, down to both limits, once the
     * count is a tenth over its limit or the bytes are over theirs; one thread at a time.
     */
    void trim(int maxSessions, long maxBytes) {
        boolean over = byKey.size() > maxSessions * 11L / 10 || bytes.get() > maxBytes;
        if (!over || !trimming.compareAndSet(false, true)) {
            return;
        }
        try {
            for (HeldSession entry : byKey.values().stream()
                    .filter(entry -> entry.users == 0)
                    .sorted(Comparator.comparingLong(entry -> entry.lastUsedNanos))
                    .toList()) {
                if (byKey.size() <= maxSessions && bytes.get() <= maxBytes) {
                    return;
                }
                synchronized (entry) {
                    if (entry.users == 0 && !entry.removed) {
                        drop(entry);
                    }
                }
            }
        } finally {
            trimming.set(false);
        }
    }
}
