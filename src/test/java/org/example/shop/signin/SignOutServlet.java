package org.example.shop.signin;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code POST /signout}: signs the user out with {@code request.logout()}, keeping the session (the basket
 * stays); with {@code ?end-session=true} also invalidates the session. Answers {@code signed-out}.
 */
@WebServlet("/signout")
public class SignOutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null && Boolean.parseBoolean(request.getParameter("end-session"))) {
            session.invalidate();
        }
        response.setContentType("text/plain");
        response.getWriter().print("signed-out");
    }
}
