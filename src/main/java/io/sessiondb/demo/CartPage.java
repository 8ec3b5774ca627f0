package io.sessiondb.demo;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;
import java.util.List;

/**
 * The Faces cart page ({@code /cart.xhtml}): the same session cart as {@code /api/cart}. The view state is
 * saved on the server, in the session, so it is stored by SessionDB as well.
 */
@Named
@RequestScoped
public class CartPage {

    private String item;

    public String getItem() {
        return item;
    }

    public void setItem(String item) {
        this.item = item;
    }

    public List<String> getItems() {
        return Cart.peek(session(false)).items();
    }

    public void add() {
        String problem = Cart.problemWith(item);
        if (problem != null) {
            FacesContext.getCurrentInstance()
                    .addMessage("cart:item", new FacesMessage(FacesMessage.SEVERITY_ERROR, problem, null));
            return;
        }
        Cart.of(session(true)).add(item.strip());
        item = null;
    }

    public void remove(String name) {
        Cart.of(session(true)).remove(name);
    }

    /** Faces' request is the one SessionDB's filter wrapped: its session is SessionDB's. */
    private static HttpSession session(boolean create) {
        return (HttpSession)
                FacesContext.getCurrentInstance().getExternalContext().getSession(create);
    }
}
