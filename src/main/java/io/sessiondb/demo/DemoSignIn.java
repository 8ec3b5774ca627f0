package io.sessiondb.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.CallerOnlyCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * The demo's Jakarta Security mechanism: whoever {@link Login} names is signed in, without a password (a
 * demo), and stays signed in through the session ({@code @AutoApplySession}, which SessionDB stores), so
 * {@code getUserPrincipal()} names them on every later request, on any node. That is the user SessionDB
 * records with the session, whose sessions {@code /api/me/sessions} lists.
 */
@ApplicationScoped
@AutoApplySession
public class DemoSignIn implements HttpAuthenticationMechanism {

    static final String USER_GROUP = "user";

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (context.isAuthenticationRequest()
                && context.getAuthParameters().getCredential() instanceof CallerOnlyCredential caller) {
            return context.notifyContainerAboutLogin(caller.getCaller(), Set.of(USER_GROUP));
        }
        return context.doNothing();
    }
}
