package io.sessiondb.cache;

import io.sessiondb.SessionStoreException;
import io.sessiondb.store.SessionRepository;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The version checks of the sessions a node holds, shared by the requests that ask at the same time: the
 * requests that ask while a check is running wait for it to end, and then one of them reads the versions
 * for all of them in one query, as a database's group commit shares one flush. A request only ever gets an
 * answer from a query that began after it asked, so a version it gets is as current as one it read itself:
 * every change committed before the request asked is in it.
 *
 * <p>No thread of its own: the first request to ask while no check runs reads for everyone waiting, and
 * hands the next read to a waiting request once it has its own answer. Nothing is held while reading.
 */
final class VersionChecks {

    /** One request's question; {@code lead} tells it to read for everyone waiting. */
    private record Waiter(String sessionId, CompletableFuture<OptionalLong> answer, CompletableFuture<Void> lead) {}

    private final Function<List<String>, Map<String, Long>> liveVersions;
    private final Object lock = new Object();
    /** Requests waiting for a check that has not begun, in the order they asked. */
    private final List<Waiter> waiting = new ArrayList<>();
    /** Whether a request is reading, or has been told to: it reads again while others wait. */
    private boolean reading;

    /** @param liveVersions reads the live versions of the given sessions, as {@link SessionRepository#liveVersions} */
    VersionChecks(Function<List<String>, Map<String, Long>> liveVersions) {
        this.liveVersions = liveVersions;
    }

    /**
     * The version of the session's live row, read after this call began.
     *
     * @return empty when there is no live session
     * @throws SessionStoreException when the database failed
     */
    OptionalLong liveVersion(String sessionId) {
        Waiter waiter = new Waiter(sessionId, new CompletableFuture<>(), new CompletableFuture<>());
        boolean leads;
        synchronized (lock) {
            waiting.add(waiter);
            leads = !reading;
            reading = true;
        }
        if (!leads) {
            // a failed answer ends the wait too, and is thrown below
            CompletableFuture.anyOf(waiter.answer, waiter.lead)
                    .exceptionally(failure -> null)
                    .join();
        }
        if (!waiter.answer.isDone()) {
            readForEveryoneUntilAnswered(waiter);
        }
        try {
            return waiter.answer.join();
        } catch (CompletionException e) {
            throw new SessionStoreException("Cannot check whether a held session is current", e.getCause());
        }
    }

    /**
     * Reads the versions asked for, batch by batch in the order asked, until {@code leader} has its answer;
     * then stops reading, or hands the reading to the request that waits longest. A failed read fails every
     * request waiting too: they asked while the database could not answer, and each would otherwise wait for
     * one more read to fail in turn (a database that stopped answering fails a read only at its timeout).
     */
    private void readForEveryoneUntilAnswered(Waiter leader) {
        while (true) {
            List<Waiter> batch = takeBatch();
            Throwable failure = answer(batch);
            List<Waiter> failedToo = List.of();
            synchronized (lock) {
                if (failure != null) {
                    failedToo = new ArrayList<>(waiting);
                    waiting.clear();
                }
                if (waiting.isEmpty()) {
                    reading = false;
                } else if (leader.answer.isDone()) {
                    waiting.get(0).lead.complete(null);
                } else {
                    continue;
                }
            }
            failedToo.forEach(waiter -> waiter.answer.completeExceptionally(failure));
            return;
        }
    }

    /** The longest waiting requests, as many as ask for at most {@link SessionRepository#MOST_VERSIONS_AT_ONCE} sessions. */
    private List<Waiter> takeBatch() {
        synchronized (lock) {
            Set<String> ids = new HashSet<>();
            int count = 0;
            for (Waiter waiter : waiting) {
                if (!ids.contains(waiter.sessionId) && ids.size() == SessionRepository.MOST_VERSIONS_AT_ONCE) {
                    break;
                }
                ids.add(waiter.sessionId);
                count++;
            }
            List<Waiter> batch = new ArrayList<>(waiting.subList(0, count));
            waiting.subList(0, count).clear();
            return batch;
        }
    }

    /** Answers the batch from one read; the read's failure, which the batch was answered with, or null. */
    private Throwable answer(List<Waiter> batch) {
        Map<String, Long> versions;
        try {
            versions = liveVersions.apply(
                    batch.stream().map(Waiter::sessionId).distinct().toList());
        } catch (RuntimeException | Error e) {
            batch.forEach(waiter -> waiter.answer.completeExceptionally(e));
            return e;
        }
        for (Waiter waiter : batch) {
            Long version = versions.get(waiter.sessionId);
            waiter.answer.complete(version == null ? OptionalLong.empty() : OptionalLong.of(version));
        }
        return null;
    }

    /** How many requests wait for a read that has not begun. */
    int waitingCount() {
        synchronized (lock) {
            return waiting.size();
        }
    }
}
