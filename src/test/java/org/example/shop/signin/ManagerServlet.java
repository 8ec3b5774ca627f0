package org.example.shop.signin;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /manager}: the shop manager's page, for the {@code manager} role only. */
@WebServlet("/manager")
@ServletSecurity(@HttpConstraint(rolesAllowed = "manager"))
public class ManagerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("manager=" + request.getUserPrincipal().getName());
    }
}
