package org.example.history;

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
 * Signs in whoever {@code SecurityContext.authenticate} names (no password: a test), and keeps the sign-in in
 * the session ({@code @AutoApplySession}), where SessionDB stores it.
 */
@ApplicationScoped
@AutoApplySession
public class HistorySignIn implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (context.isAuthenticationRequest()
                && context.getAuthParameters().getCredential() instanceof CallerOnlyCredential caller) {
            return context.notifyContainerAboutLogin(caller.getCaller(), Set.of("user"));
        }
        return context.doNothing();
    }
}
