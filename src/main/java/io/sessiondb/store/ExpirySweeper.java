package io.sessiondb.store;

import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.operations.log.LifecycleLog;
import io.sessiondb.operations.metrics.SessionMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes expired sessions on a timer, one bounded batch per short transaction (lock the batch's rows,
 * delete them in one statement). Several nodes may sweep at once: each session is deleted by exactly one
 * of them, and only that node fires {@link ExpiredSessionSwept}, after the delete has committed.
 */
@ApplicationScoped
public class ExpirySweeper {

    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class.getName());
    /** Batches per run, so a huge backlog is worked off over several runs. */
    private static final int MAX_BATCHES_PER_RUN = 20;

    @Inject
    SessionRepository repository;

    @Inject
    SessionDbConfig config;

    @Inject
    Event<ExpiredSessionSwept> expiredEvent;

    @Inject
    LifecycleLog lifecycle;

    @Inject
    SessionMetrics metrics;

    private volatile ScheduledFuture<?> schedule;

    /** Called once as the application starts, after the schema is current (see the web package's initializer). */
    public void start() {
        long periodSeconds = config.sweeper().intervalSeconds();
        schedule = ServerConcurrency.scheduler()
                .scheduleWithFixedDelay(this::sweepSafely, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    /** Whether the sweep runs on its timer: started, and neither stopped nor failed past retrying. */
    public boolean isScheduled() {
        ScheduledFuture<?> scheduled = schedule;
        return scheduled != null && !scheduled.isDone();
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /**
     * Deletes sessions expired at this moment, at most {@link #MAX_BATCHES_PER_RUN} batches.
     *
     * @return how many sessions this call deleted
     */
    public int sweep() {
        int deleted = 0;
        int batchSize = config.sweeper().batchSize();
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            List<SessionData> expired = repository.findExpired(batchSize);
            Set<String> deletedKeys = repository.deleteExpired(
                    expired.stream().map(SessionData::key).toList());
            for (SessionData session : expired) {
                if (deletedKeys.contains(session.key())) {
                    deleted++;
                    lifecycle.record(LifecycleLog.Event.EXPIRED, session.key(), session.principalName());
                    expiredEvent.fire(new ExpiredSessionSwept(session));
                }
            }
            if (expired.size() < batchSize) {
                break;
            }
        }
        return deleted;
    }

    private void sweepSafely() {
        try {
            long startNanos = System.nanoTime();
            int deleted = sweep();
            metrics.swept(System.nanoTime() - startNanos, deleted);
            if (deleted > 0) {
                LOG.fine(() -> "Deleted " + deleted + " expired sessions");
            }
        } catch (RuntimeException e) {
            // the next run tries again; a failing database must not cancel the schedule
            LOG.log(Level.WARNING, "Expired-session sweep failed; will retry", e);
        }
    }
}
