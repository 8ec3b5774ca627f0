package io.sessiondb.it.signin;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * {@code /signin} (reached after {@link SessionKeepingMechanism} signed the user in) and {@code /page?op=...}:
 * {@code read} answers {@code user=<name> note=<session attribute>}, {@code note} stores {@code ?value=} in
 * the session, {@code nothing} touches no session, {@code logout} signs out with {@code request.logout()}.
 */
@WebServlet({"/signin", "/page"})
public class SignedInPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String op = request.getParameter("op");
        if ("note".equals(op)) {
            request.getSession().setAttribute("note", request.getParameter("value"));
        } else if ("logout".equals(op)) {
            request.logout();
        }
        response.setContentType("text/plain");
        if (!"nothing".equals(op)) {
            Principal user = request.getUserPrincipal();
            response.getWriter()
                    .print("user=" + (user == null ? null : user.getName()) + " note="
                            + request.getSession().getAttribute("note"));
        }
    }
}
