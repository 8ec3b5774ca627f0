package io.sessiondb.bench.spring;

import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** JSON-P from one provider looked up once, and JSON responses. */
final class Json {

    static final JsonProvider PROVIDER = JsonProvider.provider();
    static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
    static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());

    private Json() {}

    static void send(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        send(
                response,
                status,
                BUILDERS.createObjectBuilder().add("error", message).build());
    }
}
