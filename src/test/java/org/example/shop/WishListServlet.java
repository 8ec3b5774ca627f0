package org.example.shop;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /wishlist?item=x} adds an item to the wish list, a plain session attribute; {@code GET
 * /wishlist} reads it. Both answer {@code wishlist=a,b}.
 */
@WebServlet("/wishlist")
public class WishListServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        respond(response, session == null ? List.of() : wishList(session));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        List<String> wishList = new ArrayList<>(wishList(session));
        wishList.add(request.getParameter("item"));
        session.setAttribute("wishlist", wishList);
        respond(response, wishList);
    }

    @SuppressWarnings("unchecked")
    private static List<String> wishList(HttpSession session) {
        Object stored = session.getAttribute("wishlist");
        return stored == null ? List.of() : (List<String>) stored;
    }

    private static void respond(HttpServletResponse response, List<String> wishList) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("wishlist=" + String.join(",", wishList));
    }
}
