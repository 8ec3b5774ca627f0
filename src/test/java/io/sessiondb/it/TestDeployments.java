package io.sessiondb.it;

import io.sessiondb.testing.RequiresTestDatabase;
import java.io.File;
import org.example.untrusted.UntrustedValue;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;

/**
 * The one archive every in-container test deploys: the demo WAR exactly as built (its classes, its
 * web.xml, the SessionDB library and the other libraries in WEB-INF/lib) plus the test probes. The
 * statement log is registered through a system property of the server (see arquillian.xml).
 */
public final class TestDeployments {

    private TestDeployments() {}

    public static WebArchive sessionDb() {
        WebArchive built =
                ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("sessiondb.war")));
        return ShrinkWrap.create(WebArchive.class, "sessiondb-it.war")
                .merge(built)
                .addPackage(TestDeployments.class.getPackage())
                .addPackage(RequiresTestDatabase.class.getPackage())
                // outside the deserialization allowlist: stored values of it must be refused when read
                .addPackage(UntrustedValue.class.getPackage())
                .addAsLibraries(Maven.resolver()
                        .loadPomFromFile("pom.xml")
                        .resolve("org.assertj:assertj-core", "org.awaitility:awaitility")
                        .withTransitivity()
                        .asFile());
    }
}
