package org.example.shop.signin.form;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.FormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Signing in through a form: the server's own form mechanism. A visitor who asks for a page that needs a
 * role gets {@code /login.html} instead (a forward, the default), whose form posts to {@code
 * j_security_check}, and after a sign-in is redirected to the page first asked for.
 */
@ApplicationScoped
@FormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.html", errorPage = "/login-error.html"))
public class FormSignIn {}
