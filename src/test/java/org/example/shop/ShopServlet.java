package org.example.shop;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code GET /shop}: counts the page view in the session and reports the basket; {@code POST /shop}
 * also adds an item to the basket. Answers {@code views=N basket=M session=<class>}.
 */
@WebServlet("/shop")
public class ShopServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Basket basket;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        respond(request, response, basket.items());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        respond(request, response, basket.add());
    }

    private static void respond(HttpServletRequest request, HttpServletResponse response, int basketItems)
            throws IOException {
        HttpSession session = request.getSession();
        PageViews views = session.getAttribute("views") instanceof PageViews stored ? stored : new PageViews();
        int count = views.increment();
        session.setAttribute("views", views);
        response.setContentType("text/plain");
        response.getWriter()
                .print("views=" + count + " basket=" + basketItems + " session="
                        + session.getClass().getName());
    }
}
