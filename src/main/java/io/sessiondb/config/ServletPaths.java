package io.sessiondb.config;

import java.util.Optional;

/** The paths SessionDB serves its endpoints at, each configured under a key of its own. */
final class ServletPaths {

    private ServletPaths() {}

    /** What is wrong with a configured path, naming the key; empty when it can be served. */
    static Optional<String> problem(String key, String path) {
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("//")) {
            return Optional.of(
                    key + " must be a path such as /api/admin: starting with /, not ending with /, was '" + path + "'");
        }
        if (!path.chars().allMatch(c -> c > ' ' && c < 127 && "*?#;%\\".indexOf(c) < 0)) {
            return Optional.of(key + " must be a plain path, without spaces, *, ?, #, ;, % or \\, was '" + path + "'");
        }
        return Optional.empty();
    }

    /** Whether one path is the other or lies under it, so that one mapping would hide the other. */
    static boolean overlap(String one, String other) {
        return one.equals(other) || one.startsWith(other + "/") || other.startsWith(one + "/");
    }
}
