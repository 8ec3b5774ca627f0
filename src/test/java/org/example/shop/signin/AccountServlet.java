package org.example.shop.signin;

import jakarta.annotation.security.DeclareRoles;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /account}: the signed-in customer's page; answers {@code account=<user> manager=<true|false>}. */
@WebServlet("/account")
@DeclareRoles({"customer", "manager"})
@ServletSecurity(@HttpConstraint(rolesAllowed = "customer"))
public class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter()
                .print("account=" + request.getUserPrincipal().getName() + " manager="
                        + request.isUserInRole("manager"));
    }
}
