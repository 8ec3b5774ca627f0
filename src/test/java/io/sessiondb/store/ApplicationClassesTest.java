package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessiondb.config.AttributeLimits;
import io.sessiondb.config.TestConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.example.untrusted.UntrustedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's own classes pass the allowlist unnamed: one class file, loaded as a web application's
 * class loader loads it, from a WAR's {@code WEB-INF/classes} directory or from a library JAR in its {@code
 * WEB-INF/lib}, and read back through the default allowlist.
 */
class ApplicationClassesTest {

    private static final String CLASS_FILE = UntrustedValue.class.getName().replace('.', '/') + ".class";
    private static final AttributeLimits DEFAULTS = TestConfig.limits(Map.of());

    @TempDir
    Path war;

    @Test
    void aClassOfTheApplicationsOwnWebInfClassesIsReadWithoutBeingNamed() throws Exception {
        Path classes = war.resolve("WEB-INF/classes");
        copyClassFile(Files.createDirectories(classes.resolve(CLASS_FILE).getParent())
                .resolve(CLASS_FILE.substring(CLASS_FILE.lastIndexOf('/') + 1)));

        try (URLClassLoader application = loader(classes.toUri().toURL())) {
            Object value = newValue(application);

            assertThat(DEFAULTS.allows(value.getClass())).isTrue();
            assertThat(readAs(application, value)).isEqualTo(value).isNotSameAs(value);
        }
    }

    @Test
    void theSameClassFromALibraryJarInWebInfLibIsRefused() throws Exception {
        Path jar = Files.createDirectories(war.resolve("WEB-INF/lib")).resolve("library.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(CLASS_FILE));
            copyClassFile(out);
        }

        try (URLClassLoader application = loader(jar.toUri().toURL())) {
            Object value = newValue(application);

            assertThat(DEFAULTS.allows(value.getClass())).isFalse();
            assertThatThrownBy(() -> readAs(application, value))
                    .isInstanceOf(UnreadableAttributeException.class)
                    .hasMessageContaining("class " + UntrustedValue.class.getName() + " was refused");
        }
    }

    @Test
    void anOwnClassIsRefusedWhenTheApplicationTurnsItOffOrRefusesItByName() throws Exception {
        Path classes = war.resolve("WEB-INF/classes");
        copyClassFile(Files.createDirectories(classes.resolve(CLASS_FILE).getParent())
                .resolve(CLASS_FILE.substring(CLASS_FILE.lastIndexOf('/') + 1)));
        AttributeLimits off = TestConfig.limits(Map.of("sessiondb.deserialization.application-classes", "false"));
        AttributeLimits refusedByName =
                TestConfig.limits(Map.of("sessiondb.deserialization.allow", "!" + UntrustedValue.class.getName()));

        try (URLClassLoader application = loader(classes.toUri().toURL())) {
            Object value = newValue(application);

            assertThat(off.allows(value.getClass())).isFalse();
            assertThat(refusedByName.allows(value.getClass())).isFalse();
            assertThat(DEFAULTS.allows(value.getClass())).isTrue();
        }
    }

    @Test
    void classesOfTheJdkAndOfThisBuildsClassPathAreNotTheApplicationsOwn() {
        assertThat(io.sessiondb.config.ApplicationClasses.isOwn(String.class)).isFalse();
        assertThat(io.sessiondb.config.ApplicationClasses.isOwn(UntrustedValue.class))
                .as("target/test-classes is no WEB-INF/classes")
                .isFalse();
        assertThat(io.sessiondb.config.ApplicationClasses.isOwn(int[].class)).isFalse();
    }

    /** A web application's class loader over one location, that finds nothing of the test's class path. */
    private static URLClassLoader loader(URL location) {
        return new URLClassLoader(new URL[] {location}, ClassLoader.getPlatformClassLoader());
    }

    private static Object newValue(ClassLoader application) throws ReflectiveOperationException {
        Class<?> type = Class.forName(UntrustedValue.class.getName(), true, application);
        assertThat(type).isNotSameAs(UntrustedValue.class);
        return type.getConstructor(String.class).newInstance("mine");
    }

    /** Stores and reads the value back as a request of the application does, its loader the context's. */
    private static Object readAs(ClassLoader application, Object value) {
        byte[] bytes = AttributeCodec.serialize("value", value);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            return AttributeCodec.deserialize("value", bytes, DEFAULTS);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static void copyClassFile(Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            copyClassFile(out);
        }
    }

    private static void copyClassFile(OutputStream out) throws IOException {
        try (InputStream in = UntrustedValue.class.getClassLoader().getResourceAsStream(CLASS_FILE)) {
            in.transferTo(out);
        }
    }
}
