package io.sessiondb.demo.api;

import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Locale;
import java.util.Map;

/**
 * JSON for the API's resources, from one JSON-P provider looked up once: builders for responses, and
 * request bodies that must be JSON objects.
 */
final class JsonBodies {

    /** Builds every JSON response of the API. */
    static final JsonBuilderFactory BUILDERS = JsonProvider.provider().createBuilderFactory(Map.of());

    private JsonBodies() {}

    /**
     * The request body as a JSON object, or null for an empty body. Valid JSON that is not an object
     * ({@code []}, {@code null}, {@code "x"}, {@code 1}) throws the {@link JsonException} that {@link
     * MalformedJsonMapper} answers with 400, as malformed JSON does while it is read.
     *
     * @param body the body as JAX-RS read it: a resource takes any JSON value, since a parameter typed
     *     {@link JsonObject} fails on another value with an argument type mismatch (a 500)
     */
    static JsonObject object(JsonValue body) {
        if (body == null || body instanceof JsonObject) {
            return (JsonObject) body;
        }
        throw new JsonException("got " + body.getValueType().name().toLowerCase(Locale.ROOT));
    }
}
