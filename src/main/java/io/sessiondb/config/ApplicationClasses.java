package io.sessiondb.config;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;

/**
 * Tells the classes the deploying application defines itself, in its {@code WEB-INF/classes}, from the
 * classes of its libraries ({@code WEB-INF/lib}), the server and the JDK, by where the class loader found
 * each: the location of its {@link CodeSource}. A web application's class loader defines the classes of
 * {@code WEB-INF/classes} with that directory, or their class file in it, as their location and those of a
 * library with the library's JAR, so a library class can never pass for the application's own. A class without a location (the JDK's,
 * or one defined at run time without a protection domain) is not the application's.
 */
public final class ApplicationClasses {

    private static final String CLASSES_DIRECTORY = "/WEB-INF/classes";

    private static final ClassValue<Boolean> OWN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return locatedInClassesDirectory(type);
        }
    };

    private ApplicationClasses() {}

    /** Whether {@code type} was loaded from the application's own {@code WEB-INF/classes}. */
    public static boolean isOwn(Class<?> type) {
        return OWN.get(type);
    }

    private static boolean locatedInClassesDirectory(Class<?> type) {
        if (type.isPrimitive() || type.isArray() || type.getClassLoader() == null) {
            return false;
        }
        try {
            ProtectionDomain domain = type.getProtectionDomain();
            CodeSource source = domain == null ? null : domain.getCodeSource();
            URL location = source == null ? null : source.getLocation();
            return location != null && isInClassesDirectory(location.getPath(), type.getName());
        } catch (SecurityException e) {
            return false;
        }
    }

    /**
     * Whether a code source's path is a web application's {@code WEB-INF/classes} directory, with or without
     * the trailing slash servers give directories, or the class file of {@code className} in it: Payara's and
     * GlassFish's loaders, Tomcat's descendants, give each class its own file as its location. A JAR's path
     * ends with the JAR's name, never so.
     */
    static boolean isInClassesDirectory(String path, String className) {
        if (path == null) {
            return false;
        }
        if (path.endsWith(CLASSES_DIRECTORY + "/" + className.replace('.', '/') + ".class")) {
            return true;
        }
        String trimmed = path;
        while (trimmed.endsWith("/") || trimmed.endsWith("!")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.endsWith(CLASSES_DIRECTORY);
    }
}
