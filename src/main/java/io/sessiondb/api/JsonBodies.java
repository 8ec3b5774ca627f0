package io.sessiondb.api;

import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * JSON for the API's resources, from one JSON-P provider looked up once: builders for responses, and
 * request bodies that must be JSON objects.
 */
final class JsonBodies {

    /** Builds every JSON response of the API. */
    static final JsonBuilderFactory BUILDERS = JsonProvider.provider().createBuilderFactory(Map.of());

    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());

    private JsonBodies() {}

    /**
     * The request body as a JSON object, or null for an empty body. Anything else, including valid JSON
     * that is not an object ({@code []}, {@code null}, {@code "x"}, {@code 1}), throws the {@link
     * JsonException} that {@link MalformedJsonMapper} answers with 400.
     *
     * @param body the raw bytes, in UTF-8 as JSON requires (RFC 8259)
     */
    static JsonObject object(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object) {
                return object;
            }
            throw new JsonException("got " + value.getValueType().name().toLowerCase(Locale.ROOT));
        }
    }
}
