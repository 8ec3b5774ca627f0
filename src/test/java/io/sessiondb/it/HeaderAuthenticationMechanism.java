package io.sessiondb.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * Container authentication for the tests: a request naming a user in {@value #USER_HEADER} is signed in
 * as that user, the way a bearer token would sign it in; any other request stays anonymous. It gives the
 * requests a real {@code getUserPrincipal()}, set by the container before SessionDB's filter runs.
 */
@ApplicationScoped
public class HeaderAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String USER_HEADER = "X-Test-User";

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String user = request.getHeader(USER_HEADER);
        return user == null ? context.doNothing() : context.notifyContainerAboutLogin(user, Set.of("user"));
    }
}
