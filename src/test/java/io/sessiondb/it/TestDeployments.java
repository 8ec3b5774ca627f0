package io.sessiondb.it;

import io.sessiondb.testing.RequiresTestDatabase;
import java.io.File;
import org.example.untrusted.UntrustedValue;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;

/**
 * The one archive every in-container test deploys: the application exactly as built (target/classes,
 * its web.xml, its libraries) plus the test probes. The statement log is registered through a system
 * property of the server (see arquillian.xml), so the application's own persistence.xml is used.
 */
public final class TestDeployments {

    private TestDeployments() {}

    public static WebArchive sessionDb() {
        JavaArchive application = ShrinkWrap.create(JavaArchive.class)
                .as(ExplodedImporter.class)
                .importDirectory("target/classes")
                .as(JavaArchive.class);
        return ShrinkWrap.create(WebArchive.class, "sessiondb-it.war")
                .merge(application, "/WEB-INF/classes")
                .addPackage(TestDeployments.class.getPackage())
                .addPackage(RequiresTestDatabase.class.getPackage())
                // outside the deserialization allowlist: stored values of it must be refused when read
                .addPackage(UntrustedValue.class.getPackage())
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
