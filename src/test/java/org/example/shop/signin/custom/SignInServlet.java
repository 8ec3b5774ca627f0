package org.example.shop.signin.custom;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /signin}: reached once {@link SignInMechanism} has signed the visitor in; answers {@code signed-in=<user>}. */
@WebServlet("/signin")
public class SignInServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("signed-in=" + request.getUserPrincipal().getName());
    }
}
