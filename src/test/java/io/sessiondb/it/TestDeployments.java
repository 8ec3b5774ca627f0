package io.sessiondb.it;

import io.sessiondb.demo.DemoSignIn;
import io.sessiondb.testing.RequiresTestDatabase;
import java.io.File;
import java.sql.Driver;
import org.example.own.OwnValue;
import org.example.untrusted.UntrustedValue;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;

/**
 * The archives the in-container tests deploy: the demo WAR as built (its classes, its web.xml, the SessionDB
 * library and the other libraries in WEB-INF/lib) but its authentication mechanism, plus the test probes and
 * the statement log, a JDBC driver that the server's SessionDB URL names (see arquillian.xml).
 */
public final class TestDeployments {

    /**
     * The resource lock of every Arquillian class: Arquillian's client keeps one deployment at a time per test JVM,
     * so JUnit runs them one after another.
     */
    public static final String ARQUILLIAN = "arquillian";

    private TestDeployments() {}

    /** What most in-container tests deploy, with {@link HeaderAuthenticationMechanism} signing users in. */
    public static WebArchive sessionDb() {
        return demoWarWithTestLibraries("sessiondb-it.war")
                .addPackage(TestDeployments.class.getPackage())
                // the application's own, in no package any setting names
                .addPackage(OwnValue.class.getPackage())
                // a library's class, outside the deserialization allowlist: stored values of it must be refused
                // when read (the application's own WEB-INF/classes would pass unnamed)
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "untrusted-library.jar")
                        .addPackage(UntrustedValue.class.getPackage()));
    }

    /**
     * The demo WAR with the tests of {@code testPackage}, which bring their own authentication mechanism (an
     * application has one), and the statement log.
     */
    public static WebArchive withOwnMechanism(String name, Package testPackage) {
        return demoWarWithTestLibraries(name).addPackage(testPackage);
    }

    private static WebArchive demoWarWithTestLibraries(String name) {
        WebArchive built =
                ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("sessiondb.war")));
        return ShrinkWrap.create(WebArchive.class, name)
                .merge(built)
                // an application has one authentication mechanism: these tests bring theirs instead of the demo's
                .deleteClass(DemoSignIn.class)
                .addPackage(RequiresTestDatabase.class.getPackage())
                .addClass(StatementLog.class)
                .addAsServiceProvider(Driver.class, StatementLog.class)
                .addAsLibraries(Maven.resolver()
                        .loadPomFromFile("pom.xml")
                        .resolve("org.assertj:assertj-core", "org.awaitility:awaitility")
                        .withTransitivity()
                        .asFile());
    }
}
