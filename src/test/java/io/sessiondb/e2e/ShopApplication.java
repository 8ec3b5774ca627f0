package io.sessiondb.e2e;

import java.io.File;
import java.nio.file.Path;
import org.example.shop.Basket;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;

/**
 * The shop ({@code org.example.shop}), packaged as its developers would after adding SessionDB: their
 * classes, web.xml, persistence unit and configuration, with the SessionDB library and its dependencies
 * in WEB-INF/lib, as Maven puts them there for a dependency on the library.
 */
final class ShopApplication {

    /** Serves 200 once the shop is deployed, without touching a session. */
    static final String READY_PATH = "/index.html";

    private ShopApplication() {}

    /** Builds the shop's WAR from the library JAR this build made; returns where it was written. */
    static Path war() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "shop.war")
                .addPackage(Basket.class.getPackage())
                .addAsResource("shop-app/persistence.xml", "META-INF/persistence.xml")
                .addAsResource("shop-app/microprofile-config.properties", "META-INF/microprofile-config.properties")
                .addAsWebInfResource("shop-app/web.xml", "web.xml")
                .addAsWebResource("shop-app/index.html", "index.html")
                .addAsLibrary(BuildOutput.besideTheWar("sessiondb-library.jar").toFile())
                // what the library brings with it: its own compile and runtime dependencies
                .addAsLibraries(Maven.resolver()
                        .loadPomFromFile("pom.xml")
                        .importCompileAndRuntimeDependencies()
                        .resolve()
                        .withTransitivity()
                        .asFile());
        File file = BuildOutput.besideTheWar("shop.war").toFile();
        war.as(ZipExporter.class).exportTo(file, true);
        return file.toPath();
    }
}
