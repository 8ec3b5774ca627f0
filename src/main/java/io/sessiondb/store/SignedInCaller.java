package io.sessiondb.store;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * The user a session keeps signed in, as a Jakarta Security authentication mechanism signed them in: the
 * caller's name, exactly as the mechanism gave it, and their groups, which the server maps to roles.
 * Stored as a small JSON object in the session row's {@code signed_in} column, readable by anyone who
 * looks at the table.
 *
 * @param name the caller's name
 * @param groups the caller's groups; empty for none
 */
public record SignedInCaller(String name, Set<String> groups) {

    private static final Logger LOG = Logger.getLogger(SignedInCaller.class.getName());

    /** Looked up once: {@code Json.createReader} would look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public SignedInCaller {
        if (name == null) {
            throw new IllegalArgumentException("a signed-in caller has a name");
        }
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** The stored form: {@code {"name":"alice","groups":["customer","manager"]}}. */
    public String stored() {
        JsonArrayBuilder groupArray = JSON.createArrayBuilder();
        // sorted, so the same groups are always stored as the same text
        new TreeSet<>(groups).forEach(groupArray::add);
        return JSON.createObjectBuilder()
                .add("name", name)
                .add("groups", groupArray)
                .build()
                .toString();
    }

    /**
     * The caller a stored form names, or null for a session that keeps nobody signed in. A stored form
     * that is not what {@link #stored()} writes (a row edited by hand) signs nobody in.
     */
    public static SignedInCaller fromStored(String stored) {
        if (stored == null) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(stored))) {
            JsonObject object = reader.readObject();
            Set<String> groups = new TreeSet<>();
            object.getJsonArray("groups").getValuesAs(JsonString.class).forEach(group -> groups.add(group.getString()));
            return new SignedInCaller(object.getString("name"), groups);
        } catch (JsonException | ClassCastException | NullPointerException e) {
            LOG.warning(
                    () -> "A session's signed_in column holds no signed-in caller, so it keeps nobody signed in: " + e);
            return null;
        }
    }
}
