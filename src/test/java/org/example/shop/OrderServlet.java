package org.example.shop;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /orders?item=x}: places an order in the shop's own database; answers {@code orders=N}. */
@WebServlet("/orders")
public class OrderServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient OrderBook orders;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long count = orders.place(request.getParameter("item"));
        response.setContentType("text/plain");
        response.getWriter().print("orders=" + count);
    }
}
