package org.example.notes;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /notes} writes a note, {@code GET /notes} counts them; both answer {@code notes=<count>}. */
@WebServlet("/notes")
public class NotesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    Notebook notebook;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(response, notebook.notes());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(response, notebook.write());
    }

    private static void answer(HttpServletResponse response, int notes) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("notes=" + notes);
    }
}
