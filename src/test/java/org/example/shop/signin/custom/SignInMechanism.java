package org.example.shop.signin.custom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The shop's own mechanism: it checks the credentials once, on {@code POST /signin} with {@code username}
 * and {@code password}, and relies on the session for the requests after ({@code @AutoApplySession}).
 * A page that needs a role answers 401 to a visitor nobody signed in.
 */
@ApplicationScoped
@AutoApplySession
public class SignInMechanism implements HttpAuthenticationMechanism {

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if ("POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/signin")) {
            CredentialValidationResult result = identityStores.validate(
                    new UsernamePasswordCredential(request.getParameter("username"), request.getParameter("password")));
            return result.getStatus() == CredentialValidationResult.Status.VALID
                    ? context.notifyContainerAboutLogin(result)
                    : context.responseUnauthorized();
        }
        return context.isProtected() ? context.responseUnauthorized() : context.doNothing();
    }
}
