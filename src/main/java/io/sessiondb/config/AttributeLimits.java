package io.sessiondb.config;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;

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
 * @param maxAttributeBytes the most bytes one attribute's serialized form may take
 * @param maxSessionBytes the most bytes all of a session's serialized attributes may take together
 * @param readFilter the filter a stored value is deserialized through
 */
public record AttributeLimits(long maxAttributeBytes, long maxSessionBytes, ObjectInputFilter readFilter) {

    public static final long DEFAULT_MAX_ATTRIBUTE_BYTES = 1024 * 1024;
    public static final long DEFAULT_MAX_SESSION_BYTES = 4 * 1024 * 1024;
    public static final List<String> DEFAULT_APPLICATION_PACKAGES = List.of("io.sessiondb.**");

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
     * Limits with the given sizes and an allowlist of the extra patterns, the application's packages and
     * {@link #JDK_PATTERNS}, in that order; the filter also refuses values nested deeper than {@link
     * #MAX_DEPTH}, with more than {@link #MAX_REFERENCES} references, or longer than {@code
     * maxAttributeBytes} (in bytes read, or in the length of any array).
     *
     * @throws IllegalArgumentException when a pattern is not a valid class pattern (see {@link
     *     #patternProblem(String)})
     */
    public static AttributeLimits of(
            long maxAttributeBytes, long maxSessionBytes, List<String> applicationPackages, List<String> allowed) {
        List<String> patterns = new ArrayList<>(allowed);
        patterns.addAll(applicationPackages);
        patterns.addAll(JDK_PATTERNS);
        for (String pattern : patterns) {
            String problem = patternProblem(pattern);
            if (problem != null) {
                throw new IllegalArgumentException("'" + pattern + "' " + problem);
            }
        }
        // an array can be no longer than the bytes it takes, so maxarray stops a huge allocation up front
        String spec = String.join(";", patterns) + ";maxdepth=" + MAX_DEPTH + ";maxrefs=" + MAX_REFERENCES
                + ";maxbytes=" + maxAttributeBytes + ";maxarray=" + maxAttributeBytes;
        // a class no pattern mentions would be UNDECIDED, which ObjectInputStream lets through
        ObjectInputFilter filter = ObjectInputFilter.rejectUndecidedClass(ObjectInputFilter.Config.createFilter(spec));
        return new AttributeLimits(maxAttributeBytes, maxSessionBytes, filter);
    }

    /** Limits with every default: what a node runs with when nothing is configured. */
    public static AttributeLimits defaults() {
        return of(DEFAULT_MAX_ATTRIBUTE_BYTES, DEFAULT_MAX_SESSION_BYTES, DEFAULT_APPLICATION_PACKAGES, List.of());
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
