package io.sessiondb.e2e;

import io.sessiondb.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;

/** What the build made for the end-to-end tests (the pom passes their paths), and the tests' own directories. */
public final class BuildOutput {

    private BuildOutput() {}

    /** The packaged application, {@code target/sessiondb.war}. */
    public static Path war() {
        return requiredPath("sessiondb.war");
    }

    /** The server, {@code target/payara-micro.jar}. */
    public static Path payaraMicroJar() {
        return requiredPath("payara.micro.jar");
    }

    /** The GlassFish 7 server the build unpacked, {@code target/glassfish7}. */
    public static Path glassFishHome() {
        return requiredPath("glassfish.home");
    }

    /** A file the build copied next to the WAR, such as {@code jdbc/postgresql.jar}. */
    public static Path besideTheWar(String relativePath) {
        return war().toAbsolutePath().resolveSibling(relativePath);
    }

    /**
     * {@code war} with the SessionDB library JAR this build made in WEB-INF/lib, and what the library brings
     * with it (its own compile and runtime dependencies), as Maven puts them there for an application that
     * depends on the library.
     */
    public static WebArchive withTheLibrary(WebArchive war) {
        return war.addAsLibrary(besideTheWar("sessiondb-library.jar").toFile())
                .addAsLibraries(Maven.resolver()
                        .loadPomFromFile("pom.xml")
                        .importCompileAndRuntimeDependencies()
                        .resolve()
                        .withTransitivity()
                        .asFile());
    }

    /**
     * An empty working directory for one server, under {@code target/e2e/<database>/}: not a JUnit
     * {@code @TempDir}, so the server logs and the H2 file are still there to read after a failed run.
     */
    public static Path freshWorkDir(String name) {
        Path dir = besideTheWar("e2e")
                .resolve(TestDatabase.selected().name().toLowerCase(Locale.ROOT))
                .resolve(name);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path requiredPath(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException("System property " + property + " must name an existing file (run through"
                    + " 'mvn verify', which packages the WAR and fetches the servers first); was " + value);
        }
        return Path.of(value);
    }
}
