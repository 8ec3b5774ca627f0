package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Each signed-in user's list of their own sessions: off unless {@value #ENABLED}, served at {@value #PATH}
 * ({@code /api/me/sessions} by default). While off, its path is left to the application.
 *
 * @param enabled whether the list is served
 * @param path the path it is served at, under the application's context root
 */
public record OwnSessionsSettings(boolean enabled, String path) {

    static final String ENABLED = "sessiondb.own-sessions.enabled";
    static final String PATH = "sessiondb.own-sessions.path";

    public static OwnSessionsSettings read(Config config) {
        return new OwnSessionsSettings(config.getValue(ENABLED, Boolean.class), config.getValue(PATH, String.class));
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        ServletPaths.problem(PATH, path).ifPresent(problems::add);
        return problems;
    }
}
