package org.example.notes;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /private}: a page for anyone signed in ({@code **}), as many applications protect theirs;
 * answers {@code private=<user>}.
 */
@WebServlet("/private")
@ServletSecurity(@HttpConstraint(rolesAllowed = "**"))
public class PrivateServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("private=" + request.getUserPrincipal().getName());
    }
}
