package io.sessiondb.integration.security;

import io.sessiondb.SessionStoreException;
import io.sessiondb.UnavailableResponse;
import io.sessiondb.cache.SessionCache;
import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.cookie.SessionCookies;
import io.sessiondb.servlet.SessionExchange;
import io.sessiondb.servlet.SessionFilter;
import io.sessiondb.servlet.SessionIdRotation;
import io.sessiondb.session.StoredSession;
import io.sessiondb.store.SignedInCaller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * Keeps the sign-ins of Jakarta Security authentication mechanisms in the SessionDB session, where the
 * container would keep them in its own ({@code JSESSIONID}), lost at a restart and unknown to other nodes.
 * The container authenticates before any filter runs, so this works where {@link SessionFilter} cannot:
 * around the mechanism itself.
 *
 * <p>It intercepts every mechanism annotated {@link AutoApplySession}, the annotation by which a mechanism
 * asks that its sign-in last beyond the request (Soteria's form mechanisms carry it), and runs outside
 * Soteria's own interceptors of that mechanism ({@code AutoApplySessionInterceptor} at {@code
 * PLATFORM_BEFORE + 200}, remember-me at 210, login-to-continue at 220):
 *
 * <ul>
 *   <li>A request whose session keeps a signed-in caller is signed in as that caller, with their groups,
 *       without asking the mechanism, as {@code AutoApplySessionInterceptor} does for a caller the
 *       container found in its session. The session is the one the application then gets: one load.
 *   <li>Otherwise the mechanism runs with SessionDB's request and response ({@link SessionMessageContext}).
 *       When it signs someone in and asks the container to keep them ({@value #REGISTER_SESSION}), the
 *       session keeps them instead and the container is told nothing, so it creates no session.
 *   <li>{@code request.logout()} reaches the mechanism's {@code cleanSubject}: the session keeps nobody
 *       signed in from then on, on any node.
 * </ul>
 *
 * <p>Which user a session belongs to, and the id change when that user changes (the fixation defence),
 * stay with {@link SessionIdRotation}: it sees the signed-in user in {@code getUserPrincipal()}.
 */
@Interceptor
@AutoApplySession
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class SignInSessionInterceptor implements Serializable {

    /**
     * The key of the message-info map by which a mechanism asks the container to keep its sign-in in the
     * container's session (Jakarta Authentication, Servlet Container Profile).
     */
    static final String REGISTER_SESSION = "jakarta.servlet.http.registerSession";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SignInSessionInterceptor.class.getName());
    private static final Class<?>[] MECHANISM_PARAMETERS = {
        HttpServletRequest.class, HttpServletResponse.class, HttpMessageContext.class
    };

    @Inject
    SessionCache cache;

    @Inject
    UnavailableResponse unavailable;

    @Inject
    SessionCookies cookies;

    @Inject
    SessionDbConfig config;

    @AroundInvoke
    public Object keepSignInInSession(InvocationContext invocation) throws Exception {
        if (!config.enabled()) {
            return invocation.proceed(); // the container keeps the sign-in in its own session
        }
        if (isMechanismMethod(invocation.getMethod(), "validateRequest")) {
            return validateRequest(invocation);
        }
        if (isMechanismMethod(invocation.getMethod(), "cleanSubject")) {
            signOut((HttpServletRequest) invocation.getParameters()[0]);
        }
        return invocation.proceed();
    }

    private AuthenticationStatus validateRequest(InvocationContext invocation) throws Exception {
        HttpServletRequest request = (HttpServletRequest) invocation.getParameters()[0];
        HttpServletResponse response = (HttpServletResponse) invocation.getParameters()[1];
        HttpMessageContext context = (HttpMessageContext) invocation.getParameters()[2];
        // null when the container authenticates before the filter; otherwise the application called
        // authenticate() inside the filter, which finishes the request's session as always
        boolean beforeTheFilter = SessionExchange.begun(request) == null;
        SessionExchange session = SessionExchange.of(
                request, () -> new SessionExchange(request, response, cache, cookies, System.currentTimeMillis()));
        try {
            StoredSession stored = session.session(false);
            SignedInCaller signedIn = stored == null ? null : stored.row().signedIn();
            if (signedIn != null && !context.getAuthParameters().isNewAuthentication()) {
                return context.notifyContainerAboutLogin(signedIn.name(), signedIn.groups());
            }
            SessionMessageContext sessionContext = new SessionMessageContext(context, session);
            invocation.setParameters(
                    new Object[] {sessionContext.getRequest(), sessionContext.getResponse(), sessionContext});
            AuthenticationStatus status = (AuthenticationStatus) invocation.proceed();
            if (status == AuthenticationStatus.SUCCESS) {
                keepSignInAskedFor(context, session);
            } else if (beforeTheFilter && status != AuthenticationStatus.NOT_DONE) {
                // a redirect, a forward or an error: the container answers without running the filter
                session.finish();
            }
            return status;
        } catch (SessionStoreException e) {
            if (beforeTheFilter) {
                session.release();
            }
            unavailable.send(response, e);
            return AuthenticationStatus.SEND_FAILURE;
        }
    }

    /**
     * A mechanism that signed someone in and asked the container to keep them signed in gets the session
     * to keep them instead; the container, no longer asked, creates no session of its own.
     */
    private static void keepSignInAskedFor(HttpMessageContext context, SessionExchange session) {
        if (!context.isRegisterSession()) {
            return; // a mechanism that authenticates every request on its own, such as one reading a token
        }
        context.getMessageInfo().getMap().remove(REGISTER_SESSION);
        Principal caller = context.getCallerPrincipal();
        if (caller != null) {
            session.keepSignedIn(new SignedInCaller(caller.getName(), context.getGroups()));
            LOG.fine(() -> "Session keeps " + caller.getName() + " signed in");
        }
    }

    /** {@code request.logout()}: the session the request uses keeps nobody signed in. */
    private static void signOut(HttpServletRequest request) {
        SessionExchange session = SessionExchange.begun(request);
        StoredSession stored = session == null ? null : session.session(false);
        if (stored != null) {
            stored.row().signedOut();
        }
    }

    private static boolean isMechanismMethod(Method method, String name) {
        return method.getName().equals(name) && Arrays.equals(method.getParameterTypes(), MECHANISM_PARAMETERS);
    }
}
