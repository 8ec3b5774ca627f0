package io.sessiondb.visit;

import io.sessiondb.store.PendingVisits;

/**
 * A session that keeps its visit stamps itself, outside its attributes, so that stamping a request does
 * not rewrite the session (SessionDB's sessions: the stamps are columns of the session row). The
 * application still reads them as the attributes {@value VisitTracker#START_DATE}, {@value
 * VisitTracker#LAST_REQUEST_DATE} and {@value VisitTracker#VISITS}.
 */
public interface VisitStampedSession {

    /**
     * Counts this request as a visit of the session.
     *
     * @param pendingVisits where a stored session's visits wait to be written
     * @return this request's stamps
     */
    Visit stampVisit(long nowMs, PendingVisits pendingVisits);
}
