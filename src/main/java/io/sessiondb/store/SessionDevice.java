package io.sessiondb.store;

/**
 * The device a session was created from, as its user's list of sessions shows it: captured with the
 * session's first save and never changed.
 *
 * @param userAgent the {@code User-Agent} header, at most {@value #MAX_USER_AGENT_LENGTH} characters, or null
 * @param address the client's coarse address (a network, never one host: see {@code ClientDevice}), or null
 */
public record SessionDevice(String userAgent, String address) {

    /** The width of the user_agent column. */
    public static final int MAX_USER_AGENT_LENGTH = 255;

    public SessionDevice {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT_LENGTH) {
            int end = MAX_USER_AGENT_LENGTH;
            if (Character.isHighSurrogate(userAgent.charAt(end - 1))) {
                end--; // never half a character
            }
            userAgent = userAgent.substring(0, end);
        }
    }
}
