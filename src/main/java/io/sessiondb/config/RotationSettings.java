package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Session id rotation, the session-fixation defence.
 *
 * @param onLogin whether a session gets a new id whenever the user it belongs to changes (signing in,
 *     switching user)
 * @param graceSeconds for how long after a session's id changed a request still carrying the old id gets
 *     no cookie that could replace the new one; 0 turns the check off
 */
public record RotationSettings(boolean onLogin, int graceSeconds) {

    static final String ROTATE_ON_LOGIN = "sessiondb.rotate-on-login";
    static final String GRACE = "sessiondb.rotation.grace";

    public static RotationSettings read(Config config) {
        return new RotationSettings(
                config.getValue(ROTATE_ON_LOGIN, Boolean.class), config.getValue(GRACE, Integer.class));
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (graceSeconds < 0) {
            problems.add(GRACE + " must be 0 or more seconds, was " + graceSeconds);
        }
        return problems;
    }
}
