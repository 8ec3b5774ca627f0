package io.sessiondb.config;

import java.io.ObjectInputFilter;
import java.io.ObjectInputFilter.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * What a session attribute may be: the size limits of its serialized form and of the whole session,
 * and the filter every stored value is read through.
 *
 * <p>The filter is an allowlist: a class is read only when a pattern allows it, anything else is
 * refused, so a tampered or stale row cannot make the server instantiate an arbitrary class (the
 * classic Java deserialization attack). The patterns follow {@link ObjectInputFilter.Config#createFilter}:
 * {@code pkg.*} is one package, {@code pkg.**} a package and its subpackages, {@code !pattern} refuses;
 * the first pattern that matches decides.
 *
 * <p>The classes the application defines itself (its {@code WEB-INF/classes}) are allowed without being
 * named; classes of libraries ({@code WEB-INF/lib}) must be named, since gadget classes live there.
 *
 * <p>Read from {@value #MAX_ATTRIBUTE_BYTES}, {@value #MAX_SESSION_BYTES}, {@value
 * #APPLICATION_PACKAGES}, {@value #APPLICATION_CLASSES} and {@value #DESERIALIZATION_ALLOW}.
 */
public final class AttributeLimits {

    /** The size limit of one attribute; public so limit messages elsewhere can name it. */
    public static final String MAX_ATTRIBUTE_BYTES = "sessiondb.max-attribute-bytes";
    /** The size limit of a whole session; public so limit messages elsewhere can name it. */
    public static final String MAX_SESSION_BYTES = "sessiondb.max-session-bytes";
    /** Extra classes values may be read as; public so refusal messages elsewhere can name it. */
    public static final String DESERIALIZATION_ALLOW = "sessiondb.deserialization.allow";

    /** The application's packages values may be read as; public so refusal messages elsewhere can name it. */
    public static final String APPLICATION_PACKAGES = "sessiondb.deserialization.application-packages";

    /**
     * Whether the classes of the application's own {@code WEB-INF/classes} are read without being named (true
     * by default); public so refusal messages elsewhere can name it.
     */
    public static final String APPLICATION_CLASSES = "sessiondb.deserialization.application-classes";

    /** Object graphs nested deeper than this are refused: deep nesting is a stack-exhaustion attack. */
    public static final int MAX_DEPTH = 20;

    /** More objects and references than this in one value are refused: it bounds the work of a read. */
    public static final int MAX_REFERENCES = 10_000;

    /**
     * The JDK types sessions ordinarily hold: {@code java.lang} (strings, boxed numbers, enums), the
     * collections, dates and times, big numbers and {@code java.net.URI}. Deliberately not {@code
     * java.**} or {@code javax.**}: those hold known gadget classes ({@code java.net.URL} resolves its
     * host when hashed, {@code javax.management} starts a known chain), and single-star patterns leave out
     * subpackages such as {@code java.lang.invoke} (serialized lambdas) and {@code java.lang.reflect}.
     * Arrays are judged by their element type; arrays of primitives are allowed.
     */
    public static final List<String> JDK_PATTERNS = List.of(
            "java.lang.*",
            "java.util.*",
            "java.util.concurrent.*",
            "java.util.concurrent.atomic.*",
            "java.time.*",
            "java.math.*",
            "java.net.URI");

    /**
     * What Jakarta EE's frameworks keep in the session themselves, allowed as narrowly as they need, class by
     * class where they can be named. Jakarta Faces' server-side view state is Mojarra's state map holding the
     * components' saved state and their property keys. Jakarta Security's form sign-in (Soteria's {@code
     * @LoginToContinue}, as Payara and GlassFish ship it) keeps the request saved before the caller is sent to
     * the login page, with its cookies, and the caller authenticated there until that request is repeated.
     * Weld, the CDI of Payara, GlassFish and WildFly, keeps each {@code @SessionScoped} and {@code
     * @ConversationScoped} bean instance with a handle to its bean (its id, resolved when read) and its
     * creational context (with its {@code @Dependent} beans), the conversations and their id generator, a lock
     * holder, and the handle of an injected {@code HttpSession}; its other serializable classes (interceptor
     * and proxy handlers, reflective member holders) have no business in a stored session.
     */
    public static final List<String> FRAMEWORK_PATTERNS = List.of(
            "com.sun.faces.util.LRUMap",
            "jakarta.faces.component.**",
            "jakarta.servlet.http.Cookie",
            "jakarta.security.enterprise.CallerPrincipal",
            "org.glassfish.soteria.servlet.RequestData",
            "org.glassfish.soteria.servlet.AuthenticationData",
            "org.glassfish.soteria.mechanisms.HttpMessageContextImpl$NameHolderPrincipal",
            "org.jboss.weld.contexts.SerializableContextualInstanceImpl",
            "org.jboss.weld.contexts.SerializableContextualFactory$*",
            "org.jboss.weld.contexts.CreationalContextImpl",
            "org.jboss.weld.contexts.CreationalContextImpl$SerializationProxy",
            "org.jboss.weld.contexts.beanstore.LockStore",
            "org.jboss.weld.contexts.conversation.ConversationImpl",
            "org.jboss.weld.contexts.conversation.ConversationIdGenerator",
            "org.jboss.weld.manager.BeanManagerImpl",
            "org.jboss.weld.bean.ManagedBeanIdentifier",
            "org.jboss.weld.bean.ProducerMethodIdentifier",
            "org.jboss.weld.bean.StringBeanIdentifier",
            "org.jboss.weld.annotated.slim.AnnotatedTypeIdentifier",
            "org.jboss.weld.module.web.HttpSessionBean$SerializableProxy");

    private final long maxAttributeBytes;
    private final long maxSessionBytes;
    private final List<String> applicationPackages;
    private final List<String> allowed;
    private final boolean applicationClasses;
    private final List<String> problems = new ArrayList<>();
    /** Null when a setting is invalid: then {@link #problems()} says why. */
    private final ObjectInputFilter readFilter;

    private AttributeLimits(
            long maxAttributeBytes,
            long maxSessionBytes,
            List<String> applicationPackages,
            List<String> allowed,
            boolean applicationClasses) {
        this.maxAttributeBytes = maxAttributeBytes;
        this.maxSessionBytes = maxSessionBytes;
        this.applicationPackages = applicationPackages;
        this.allowed = allowed;
        this.applicationClasses = applicationClasses;
        check();
        readFilter = problems.isEmpty() ? filter() : null;
    }

    public static AttributeLimits read(Config config) {
        return new AttributeLimits(
                config.getValue(MAX_ATTRIBUTE_BYTES, Long.class),
                config.getValue(MAX_SESSION_BYTES, Long.class),
                trimmed(config.getOptionalValues(APPLICATION_PACKAGES, String.class)),
                trimmed(config.getOptionalValues(DESERIALIZATION_ALLOW, String.class)),
                config.getOptionalValue(APPLICATION_CLASSES, Boolean.class).orElse(true));
    }

    /** "a.**, b.*" is a natural way to write a list; the spaces are not part of the patterns. */
    private static List<String> trimmed(Optional<List<String>> values) {
        return values.orElse(List.of()).stream().map(String::trim).toList();
    }

    private void check() {
        if (maxAttributeBytes < 1) {
            problems.add(MAX_ATTRIBUTE_BYTES + " must be at least 1 byte, was " + maxAttributeBytes);
        }
        if (maxSessionBytes < 1) {
            problems.add(MAX_SESSION_BYTES + " must be at least 1 byte, was " + maxSessionBytes);
        }
        if (maxAttributeBytes > maxSessionBytes) {
            problems.add(MAX_ATTRIBUTE_BYTES + " (" + maxAttributeBytes + ") must not be more than " + MAX_SESSION_BYTES
                    + " (" + maxSessionBytes + ")");
        }
        checkPatterns(APPLICATION_PACKAGES, applicationPackages);
        checkPatterns(DESERIALIZATION_ALLOW, allowed);
    }

    private void checkPatterns(String key, List<String> patterns) {
        for (String pattern : patterns) {
            String problem = patternProblem(pattern);
            if (problem != null) {
                problems.add(key + ": '" + pattern + "' " + problem);
            }
        }
    }

    /**
     * An allowlist of the extra patterns, the application's packages, {@link #FRAMEWORK_PATTERNS} and {@link
     * #JDK_PATTERNS}, in that order, then (unless {@value #APPLICATION_CLASSES} is false) the classes of the
     * application's own {@code WEB-INF/classes} ({@link ApplicationClasses}), that also refuses values nested
     * deeper than {@link #MAX_DEPTH}, with more than {@link #MAX_REFERENCES} references, or longer than {@code
     * maxAttributeBytes} (in bytes read, or in the length of any array). A pattern that refuses a class ({@code
     * !com.example.Secret}) wins over its being the application's.
     */
    private ObjectInputFilter filter() {
        List<String> patterns = new ArrayList<>(allowed);
        patterns.addAll(applicationPackages);
        patterns.addAll(FRAMEWORK_PATTERNS);
        patterns.addAll(JDK_PATTERNS);
        // an array can be no longer than the bytes it takes, so maxarray stops a huge allocation up front
        String spec = String.join(";", patterns) + ";maxdepth=" + MAX_DEPTH + ";maxrefs=" + MAX_REFERENCES
                + ";maxbytes=" + maxAttributeBytes + ";maxarray=" + maxAttributeBytes;
        ObjectInputFilter named = ObjectInputFilter.Config.createFilter(spec);
        boolean admitOwn = applicationClasses;
        return info -> {
            Status status = named.checkInput(info);
            Class<?> type = info.serialClass();
            if (status != Status.UNDECIDED || type == null) {
                return status;
            }
            while (type.isArray()) {
                type = type.getComponentType();
            }
            if (type.isPrimitive()) {
                return Status.UNDECIDED;
            }
            // a class no pattern mentions would be UNDECIDED, which ObjectInputStream lets through
            return admitOwn && ApplicationClasses.isOwn(type) ? Status.ALLOWED : Status.REJECTED;
        };
    }

    /**
     * Whether a value of {@code type} (its class itself, not what it holds) would pass the allowlist: how a
     * {@code @SessionScoped} bean class is checked as the application deploys.
     */
    public boolean allows(Class<?> type) {
        ObjectInputFilter filter = readFilter();
        return filter.checkInput(new ClassOnly(type)) != Status.REJECTED;
    }

    /** What the stream tells a filter as it meets a class descriptor, for that class alone. */
    private record ClassOnly(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {

        @Override
        public long arrayLength() {
            return -1;
        }

        @Override
        public long depth() {
            return 1;
        }

        @Override
        public long references() {
            return 1;
        }

        @Override
        public long streamBytes() {
            return 0;
        }
    }

    /** Every invalid setting, by key; empty when all are usable. */
    public List<String> problems() {
        return problems;
    }

    /** The most bytes one attribute's serialized form may take. */
    public long maxAttributeBytes() {
        return maxAttributeBytes;
    }

    /** The most bytes all of a session's serialized attributes may take together. */
    public long maxSessionBytes() {
        return maxSessionBytes;
    }

    /**
     * The filter a stored value is deserialized through.
     *
     * @throws IllegalStateException when a setting is invalid (see {@link #problems()})
     */
    public ObjectInputFilter readFilter() {
        if (readFilter == null) {
            throw new IllegalStateException("Invalid attribute limits: " + String.join("; ", problems));
        }
        return readFilter;
    }

    /**
     * Why a configured pattern is unusable, or null when it is a valid class pattern. Limits ({@code
     * maxdepth=...}) are SessionDB's own, and a pattern allowing every class would defeat the allowlist.
     */
    public static String patternProblem(String pattern) {
        if (pattern.isBlank()) {
            return "is blank";
        }
        if (pattern.contains("=") || pattern.contains(";")) {
            return "must be one class pattern such as com.example.** (no limits, no ';')";
        }
        if (pattern.equals("*") || pattern.equals("**")) {
            return "would allow every class";
        }
        try {
            ObjectInputFilter.Config.createFilter(pattern);
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a class pattern: " + e.getMessage();
        }
    }
}
