package io.sessiondb.it;

import io.sessiondb.testing.RequiresTestDatabase;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;

/**
 * The one archive every in-container test deploys: the application exactly as built (target/classes,
 * its web.xml, its libraries) plus this package's probes and a persistence.xml that adds the statement
 * log.
 */
public final class TestDeployments {

    private TestDeployments() {}

    public static WebArchive sessionDb() {
        JavaArchive application = ShrinkWrap.create(JavaArchive.class)
                .as(ExplodedImporter.class)
                .importDirectory("target/classes")
                .as(JavaArchive.class);
        application.delete("META-INF/persistence.xml");
        return ShrinkWrap.create(WebArchive.class, "sessiondb-it.war")
                .merge(application, "/WEB-INF/classes")
                .addAsResource("it/persistence.xml", "META-INF/persistence.xml")
                .addPackage(TestDeployments.class.getPackage())
                .addPackage(RequiresTestDatabase.class.getPackage())
                .addAsWebInfResource(new File("src/main/webapp/WEB-INF/web.xml"), "web.xml")
                .addAsWebInfResource(new File("src/main/webapp/WEB-INF/beans.xml"), "beans.xml")
                .addAsLibraries(Maven.resolver()
                        .loadPomFromFile("pom.xml")
                        .importCompileAndRuntimeDependencies()
                        .resolve()
                        .withTransitivity()
                        .asFile())
                .addAsLibraries(Maven.resolver()
                        .loadPomFromFile("pom.xml")
                        .resolve("org.assertj:assertj-core", "org.awaitility:awaitility")
                        .withTransitivity()
                        .asFile());
    }
}
