package io.sessiondb.it.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * A mechanism that signs a user in once and relies on the session afterwards ({@code @AutoApplySession}):
 * {@code POST /signin?user=alice} signs alice in, in the groups {@code customer} and {@code tester}.
 */
@ApplicationScoped
@AutoApplySession
public class SessionKeepingMechanism implements HttpAuthenticationMechanism {

    static final Set<String> GROUPS = Set.of("customer", "tester");

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if ("POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/signin")) {
            return context.notifyContainerAboutLogin(request.getParameter("user"), GROUPS);
        }
        return context.doNothing();
    }
}
