package io.sessiondb.store;

import io.sessiondb.SessionStoreException;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The bean's transactions failing to commit are reported as {@link SessionStoreException}s (see {@link FailedCommitInterceptor}). */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ReportsFailedCommits {}
