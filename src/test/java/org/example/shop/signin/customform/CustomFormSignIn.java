package org.example.shop.signin.customform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Signing in through the shop's own login page: the server's custom-form mechanism. A visitor who asks
 * for a page that needs a role is redirected to {@code /login} ({@link LoginServlet}), which checks the
 * credentials through {@code SecurityContext.authenticate}; after a sign-in the visitor is sent back to
 * the page first asked for.
 */
@ApplicationScoped
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login", errorPage = "", useForwardToLogin = false))
public class CustomFormSignIn {}
