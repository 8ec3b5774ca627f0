package io.sessiondb.store;

import io.sessiondb.SessionStoreException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.TransactionalException;

/**
 * Turns a transaction that failed to commit into a {@link SessionStoreException}, so callers of the store
 * see store failures only. A failed commit surfaces from the {@code @Transactional} interceptor, after the
 * repository method returned, so it is caught here, around that interceptor: JTA's interceptors run at
 * {@code PLATFORM_BEFORE + 200}, and a lower priority runs outside them.
 */
@ReportsFailedCommits
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class FailedCommitInterceptor {

    @AroundInvoke
    Object reportFailedCommit(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (TransactionalException e) {
            throw new SessionStoreException("The session database failed to commit", e);
        }
    }
}
