package io.sessiondb.conformance;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Adds SessionDB to each WAR a TCK test deploys, as an application adds it: the library JAR and its
 * dependencies in WEB-INF/lib (its web fragment then registers the filter) and the application's
 * {@code META-INF/microprofile-config.properties} naming the database ({@code {deployment}} in its URL
 * standing for the WAR's name) and the TCK's packages for the deserialization allowlist. With {@code tck.sessions=memory} the WARs are deployed as the TCK built them, on
 * Payara's own sessions.
 *
 * <p>An observer of {@link BeforeDeploy} rather than an {@code ApplicationArchiveProcessor}: Arquillian gives
 * processors only the deployments it adds its test runner to, and every TCK deployment is
 * {@code testable = false}.
 */
public final class SessionDbInEveryDeployment {

    /** Registers the observer with Arquillian (META-INF/services). */
    public static final class Extension implements LoadableExtension {
        @Override
        public void register(ExtensionBuilder builder) {
            builder.observer(SessionDbInEveryDeployment.class);
        }
    }

    private static final String CONFIG_PATH = "META-INF/microprofile-config.properties";

    public void addSessionDb(@Observes BeforeDeploy event) {
        Archive<?> archive = event.getDeployment().getArchive();
        String sessions = System.getProperty("tck.sessions");
        if ("memory".equals(sessions)) {
            return;
        }
        if (!"sessiondb".equals(sessions)) {
            throw new IllegalStateException("tck.sessions must be memory or sessiondb, not " + sessions);
        }
        if (!(archive instanceof WebArchive war)) {
            throw new IllegalStateException("the TCK deployed " + archive.getName() + ", not a WAR");
        }
        if (war.contains("WEB-INF/classes/" + CONFIG_PATH)) {
            throw new IllegalStateException(archive.getName() + " has a configuration of its own");
        }
        String deployment = war.getName().replaceFirst("\\.war$", "");
        war.addAsLibraries(libraries()).addAsResource(new StringAsset(configuration(deployment)), CONFIG_PATH);
    }

    private static File[] libraries() {
        File dir = new File(System.getProperty("sessiondb.lib.dir"));
        File[] jars = dir.listFiles((parent, name) -> name.endsWith(".jar"));
        if (jars == null || Arrays.stream(jars).noneMatch(jar -> jar.getName().equals("sessiondb-library.jar"))) {
            throw new IllegalStateException("no sessiondb-library.jar in " + dir + ": build SessionDB first");
        }
        return jars;
    }

    private static String configuration(String deployment) {
        Properties config = new Properties();
        config.setProperty(
                "sessiondb.db.url", System.getProperty("sessiondb.db.url").replace("{deployment}", deployment));
        for (String key : new String[] {"sessiondb.db.user", "sessiondb.db.password"}) {
            config.setProperty(key, System.getProperty(key));
        }
        // the TCK's servlets store its own classes (binding listeners, counters) in sessions
        config.setProperty("sessiondb.deserialization.application-packages", "servlet.tck.**");
        // visit stamps stay on, as by default: they go only into sessions that exist, so the TCK's applications
        // get a session only where their servlets create one
        StringWriter text = new StringWriter();
        try {
            config.store(text, "SessionDB, added by the conformance run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
