package io.sessiondb.e2e;

import java.io.File;
import java.nio.file.Path;
import org.example.notes.Notebook;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Notes ({@code org.example.notes}), packaged as a developer who adds SessionDB and reads nothing else would:
 * their classes and pages, the library and its dependencies in WEB-INF/lib, and no configuration at all,
 * neither a SessionDB key nor a web.xml.
 */
final class NotesApplication {

    /** Serves 200 once Notes is deployed, without touching a session. */
    static final String READY_PATH = "/index.html";

    private NotesApplication() {}

    /** Builds the WAR from the library JAR this build made; returns where it was written. */
    static Path war() {
        WebArchive war = BuildOutput.withTheLibrary(ShrinkWrap.create(WebArchive.class, "notes.war")
                .addPackage(Notebook.class.getPackage())
                .addAsWebResource("notes-app/index.html", "index.html")
                .addAsWebResource("notes-app/login.html", "login.html")
                .addAsWebResource("notes-app/login-error.html", "login-error.html"));
        File file = BuildOutput.besideTheWar("notes.war").toFile();
        war.as(ZipExporter.class).exportTo(file, true);
        return file.toPath();
    }
}
