package io.sessiondb.history;

import io.sessiondb.e2e.BuildOutput;
import java.io.File;
import java.nio.file.Path;
import org.example.history.HistoryServlet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The history checker's application ({@code org.example.history}) packaged as an application that adds the
 * SessionDB library: its classes and configuration, with the library JAR this build made and the library's
 * dependencies in WEB-INF/lib.
 */
final class HistoryApplication {

    /** Serves 200 once the application is deployed, without touching a session. */
    static final String READY_PATH = "/index.html";

    private HistoryApplication() {}

    /** Builds the WAR beside the demo's; returns where it was written. */
    static Path war() {
        File file = BuildOutput.besideTheWar("history.war").toFile();
        BuildOutput.withTheLibrary(ShrinkWrap.create(WebArchive.class, "history.war")
                        .addPackage(HistoryServlet.class.getPackage())
                        .addAsResource(
                                "history-app/microprofile-config.properties", "META-INF/microprofile-config.properties")
                        .addAsWebResource("history-app/index.html", "index.html"))
                .as(ZipExporter.class)
                .exportTo(file, true);
        return file.toPath();
    }
}
