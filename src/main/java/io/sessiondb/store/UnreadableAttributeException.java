package io.sessiondb.store;

import io.sessiondb.config.AttributeLimits;

/**
 * A stored attribute value could not be deserialized: its class changed or is missing, or the
 * deserialization allowlist refused it.
 */
public class UnreadableAttributeException extends RuntimeException {

    private final String attributeName;

    public UnreadableAttributeException(String attributeName, Throwable cause) {
        this(attributeName, "Session attribute '" + attributeName + "' cannot be read: " + cause, cause);
    }

    private UnreadableAttributeException(String attributeName, String message, Throwable cause) {
        super(message, cause);
        this.attributeName = attributeName;
    }

    /** The allowlist refused {@code what} (a class, or a limit it exceeded) in the attribute's value. */
    static UnreadableAttributeException refused(String attributeName, String what, Throwable cause) {
        return new UnreadableAttributeException(
                attributeName,
                "Session attribute '" + attributeName + "' cannot be read: " + what
                        + " was refused by the deserialization allowlist (the application's own WEB-INF/classes"
                        + " pass unless " + AttributeLimits.APPLICATION_CLASSES + "=false; name other packages of the"
                        + " application in " + AttributeLimits.APPLICATION_PACKAGES + ", library classes in "
                        + AttributeLimits.DESERIALIZATION_ALLOW + "); the value stays stored",
                cause);
    }

    public String attributeName() {
        return attributeName;
    }
}
