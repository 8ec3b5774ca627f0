package io.sessiondb.store;

/** A stored attribute value could not be deserialized (its class changed or is missing). */
public class UnreadableAttributeException extends RuntimeException {

    private final String attributeName;

    public UnreadableAttributeException(String attributeName, Throwable cause) {
        super("Session attribute '" + attributeName + "' cannot be read: " + cause, cause);
        this.attributeName = attributeName;
    }

    public String attributeName() {
        return attributeName;
    }
}
